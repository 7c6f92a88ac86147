package io.driftloop.driftdetector.domain;

import static io.driftloop.driftdetector.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.dataset.NumericProfile;
import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.FeatureDrift;
import io.driftloop.contracts.events.Histogram;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;

class HistogramsTest {

    final WindowEvaluator evaluator = new WindowEvaluator(new DriftTests(1));
    final ModelSpec spec = Fixtures.spec(200);

    static Window window(boolean shifted, long seed, int size, int sketchK) {
        Window w = new Window(Fixtures.MODEL, size, null, sketchK, 3, "ct.inference.v1-0@" + seed);
        for (int i = 0; i < size; i++) {
            w.add(Fixtures.event(i, shifted, seed));
        }
        return w;
    }

    DriftStats evaluate(Window w) {
        return evaluator.evaluate(w, spec, Fixtures.profile(), 3, T0.plusSeconds(3600));
    }

    static Histogram histogram(DriftStats stats, String feature) {
        return stats.features().stream().filter(f -> f.feature().equals(feature)).findFirst().orElseThrow()
                .histogram();
    }

    static double sum(List<Double> shares) {
        return shares.stream().mapToDouble(Double::doubleValue).sum();
    }

    @Test
    void aWindowDrawnLikeTheReferenceHasAboutTheReferencesShareInEveryBin() {
        Histogram age = histogram(evaluate(window(false, 21, 200, Window.DEFAULT_SKETCH_K)), "age");

        assertThat(age.categories()).isNull();
        assertThat(age.edges()).hasSize(21);
        assertThat(age.reference()).hasSize(20).allSatisfy(r -> assertThat(r).isCloseTo(0.05, within(0.002)));
        double distance = 0;
        for (int i = 0; i < age.bins(); i++) {
            assertThat(age.current().get(i)).as("bin " + i).isCloseTo(age.reference().get(i), within(0.07));
            distance += Math.abs(age.current().get(i) - age.reference().get(i)) / 2;
        }
        assertThat(distance).as("total variation").isLessThan(0.15);
    }

    @Test
    void aShiftedWindowMovesItsMassToTheUpperBins() {
        Histogram age = histogram(evaluate(window(true, 22, 200, Window.DEFAULT_SKETCH_K)), "age");

        List<Double> current = age.current();
        double lowerHalf = sum(current.subList(0, age.bins() / 2));
        double topQuarter = sum(current.subList(age.bins() * 3 / 4, age.bins()));
        assertThat(lowerHalf).as("below the reference's median").isLessThan(0.1);
        assertThat(topQuarter).as("in the reference's top quarter").isGreaterThan(0.7);
        assertThat(sum(age.reference().subList(age.bins() * 3 / 4, age.bins()))).isCloseTo(0.25, within(0.01));
    }

    @Test
    void everyValueOfTheWindowAndTheReferenceLiesWithinTheEdgesWhichAscend() {
        Window w = window(true, 23, 200, Window.DEFAULT_SKETCH_K);
        Histogram age = histogram(evaluate(w), "age");

        List<Double> edges = age.edges();
        assertThat(edges).isSorted().doesNotHaveDuplicates();
        assertThat(edges.get(0)).isEqualTo(Math.min(w.numericMin("age"), Fixtures.profile().numeric().get("age").sample()[0]));
        assertThat(edges.get(edges.size() - 1)).isEqualTo(w.numericMax("age"));
    }

    @Test
    void sharesSumToOneOnBothSidesOfEveryFeature() {
        for (boolean shifted : new boolean[] {false, true}) {
            DriftStats stats = evaluate(window(shifted, 24, 200, Window.DEFAULT_SKETCH_K));

            assertThat(stats.features()).hasSize(3).allSatisfy(f -> {
                assertThat(f.histogram()).as(f.feature()).isNotNull();
                assertThat(sum(f.histogram().reference())).isCloseTo(1, within(0.002));
                assertThat(sum(f.histogram().current())).isCloseTo(1, within(0.002));
                assertThat(f.histogram().current()).hasSameSizeAs(f.histogram().reference());
            });
        }
    }

    @Test
    void aSketchedWindowsSharesComeFromTheSketchAndAgreeWithTheExactOnesWithinItsRankError() {
        Histogram exact = histogram(evaluate(window(true, 25, 4000, 8192)), "income");
        Histogram sketched = histogram(evaluate(window(true, 25, 4000, 64)), "income");

        assertThat(sketched.edges()).isEqualTo(exact.edges());
        assertThat(sketched.reference()).isEqualTo(exact.reference());
        double cumulativeExact = 0;
        double cumulativeSketched = 0;
        for (int i = 0; i < exact.bins(); i++) {
            cumulativeExact += exact.current().get(i);
            cumulativeSketched += sketched.current().get(i);
            assertThat(cumulativeSketched).as("CDF at edge " + (i + 1))
                    .isCloseTo(cumulativeExact, within(Window.rankError(64) + 0.001));
        }
    }

    @Test
    void aValueOnASplitPointFallsInTheBinAboveItWhetherKeptOrSketched() {
        double[] values = {1, 2, 3, 4, 5, 6, 7, 8};
        NumericColumn kept = new NumericColumn(8);
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(8);
        for (double v : values) {
            kept.add(v);
            sketch.update(v);
        }
        NumericColumn sketched = NumericColumn.of(sketch);

        assertThat(kept.shares(new double[] {4})).containsExactly(3 / 8.0, 5 / 8.0);
        assertThat(sketched.shares(new double[] {4})).containsExactly(3 / 8.0, 5 / 8.0);
        assertThat(kept.shares(new double[0])).containsExactly(1.0);
        assertThat(kept.min()).isEqualTo(1);
        assertThat(sketched.max()).isEqualTo(8);
    }

    @Test
    void aCategoricalHistogramListsTheSpecsValuesThenUnseenCategoriesWithTheirShares() {
        Map<String, Long> reference = Map.of("north", 400L, "south", 300L, "east", 200L, "west", 100L);
        Map<String, Long> current = Map.of("north", 50L, "mars", 30L, "", 20L);

        Histogram h = Histograms.categorical(List.of("north", "south", "east", "west", "pluto"), reference, current);

        assertThat(h.edges()).isNull();
        assertThat(h.categories()).containsExactly("north", "south", "east", "west", "mars", "");
        assertThat(h.reference()).containsExactly(0.4, 0.3, 0.2, 0.1, 0.0, 0.0);
        assertThat(h.current()).containsExactly(0.5, 0.0, 0.0, 0.0, 0.3, 0.2);
    }

    @Test
    void aWindowWithAnUnseenRegionShowsItBesideTheReference() {
        Window w = new Window(Fixtures.MODEL, 200, 3, "o");
        for (int i = 0; i < 200; i++) {
            InferenceEvent e = Fixtures.event(i, false, 26);
            Map<String, Object> features = new LinkedHashMap<>(e.features());
            if (i % 4 == 0) {
                features.put("region", "atlantis");
            }
            w.add(new InferenceEvent(e.model(), e.requestId(), e.timestamp(), null, features, Map.of(), null, null));
        }

        Histogram region = histogram(evaluate(w), "region");

        assertThat(region.categories()).containsExactly("north", "south", "east", "west", "atlantis");
        assertThat(region.reference().get(4)).isZero();
        assertThat(region.current().get(4)).isEqualTo(0.25);
    }

    @Test
    void categoriesBeyondTheCapAreCountedTogetherInALastBin() {
        Map<String, Long> reference = new LinkedHashMap<>();
        IntStream.range(0, 40).forEach(i -> reference.put("c" + i, 40L - i));

        Histogram h = Histograms.categorical(List.of(), reference, Map.of("c0", 1L, "c39", 1L));

        // by combined share: c39 is half the window
        assertThat(h.categories()).hasSize(Histogram.MAX_CATEGORIES).startsWith("c0", "c39", "c1")
                .endsWith("c27", Histogram.OTHER);
        assertThat(h.current().get(h.bins() - 1)).isZero();
        assertThat(sum(h.reference())).isCloseTo(1, within(0.002));
        assertThat(h.reference().get(h.bins() - 1)).as("c28 .. c38").isCloseTo(IntStream.rangeClosed(2, 12).sum() / 820.0,
                within(1e-4));
    }

    @Test
    void aFeatureOfOneValueIsOneBin() {
        double[] constant = new double[50];
        Arrays.fill(constant, 7);
        Window w = new Window(Fixtures.MODEL, 10, 3, "o");
        for (int i = 0; i < 10; i++) {
            w.add(new InferenceEvent(Fixtures.MODEL, "r" + i, T0, null, Map.of("x", 7.0), Map.of(), null, null));
        }

        Histogram h = Histograms.numeric(Distribution.of(constant), Histograms.quantileEdges(Distribution.of(constant)),
                w, "x");

        assertThat(h.edges()).containsExactly(7.0, 7.0);
        assertThat(h.reference()).containsExactly(1.0);
        assertThat(h.current()).containsExactly(1.0);
    }

    @Test
    void theStatisticsOfATwelveFeatureWindowWithHistogramsStaySmall() {
        StringBuilder features = new StringBuilder();
        Map<String, NumericProfile> numeric = new LinkedHashMap<>();
        Map<String, Map<String, Long>> categorical = new LinkedHashMap<>();
        for (int f = 0; f < 9; f++) {
            features.append("  - {name: n").append(f).append(", type: numeric}\n");
            double[] sample = Fixtures.normal(f, 2000, 1000 * f, 50 + f);
            Arrays.sort(sample);
            numeric.put("n" + f, NumericProfile.of(sample, 2000));
        }
        for (int f = 0; f < 3; f++) {
            features.append("  - {name: c").append(f).append(", type: categorical, values: [a, b, c, d, e, f]}\n");
            categorical.put("c" + f, Map.of("a", 600L, "b", 500L, "c", 400L, "d", 300L, "e", 150L, "f", 50L));
        }
        ModelSpec twelve = ModelSpecs.parse("name: wide\ntask: binary-classification\nfeatures:\n" + features
                + "drift: {windowSize: 500}\n");
        ReferenceProfile profile = new ReferenceProfile("wide", "sha256:w", 2000, numeric, categorical);
        Window w = new Window("wide", 500, 3, "ct.inference.v1-0@0");
        SplittableRandom random = new SplittableRandom(27);
        String[] categories = {"a", "a", "a", "b", "b", "c", "c", "d", "e", "f"};
        for (int i = 0; i < 500; i++) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int f = 0; f < 9; f++) {
                values.put("n" + f, 1000 * f + (50 + f) * random.nextGaussian() + (f < 3 ? 30 : 0));
            }
            for (int f = 0; f < 3; f++) {
                values.put("c" + f, categories[random.nextInt(categories.length)]);
            }
            w.add(new InferenceEvent("wide", "r" + i, T0.plusSeconds(i), 3, values, Map.of(), null, null));
        }

        DriftStats stats = evaluator.evaluate(w, twelve, profile, 3, T0.plusSeconds(600));
        String json = Json.encode(stats);
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;

        assertThat(stats.features()).hasSize(12).allSatisfy(f -> assertThat(f.histogram()).isNotNull());
        assertThat(bytes).isLessThan(16_000);
    }

    @Test
    void aCategoryNameAClientSentIsCutSoTheHistogramStaysSmall() {
        String sent = "<!--" + "x".repeat(1000);
        Histogram h = Histograms.categorical(List.of("a"), Map.of("a", 10L), Map.of(sent, 5L, "a", 5L));
        assertThat(h.categories()).hasSize(2).contains("a")
                .anySatisfy(c -> assertThat(c).hasSize(Histograms.MAX_NAME).startsWith("<!--x").endsWith("…"));
    }
}
