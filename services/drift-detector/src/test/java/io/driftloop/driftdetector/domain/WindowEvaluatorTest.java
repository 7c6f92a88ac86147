package io.driftloop.driftdetector.domain;

import static io.driftloop.driftdetector.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.FeatureDrift;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.spec.Correction;
import io.driftloop.contracts.spec.ModelSpec;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowEvaluatorTest {

    static final Instant NOW = T0.plusSeconds(3600);
    final WindowEvaluator evaluator = new WindowEvaluator(new DriftTests(1));
    final ModelSpec spec = Fixtures.spec(200);

    Window window(boolean shifted, long seed) {
        Window w = new Window(Fixtures.MODEL, 200, 3, "ct.inference.v1-0@" + seed);
        for (int i = 0; i < 200; i++) {
            w.add(Fixtures.event(i, shifted, seed));
        }
        return w;
    }

    /** A window drawn like the training data (seed {@code seed}) but with every age {@code shift} years older. */
    static Window ageShiftedBy(double shift, long seed) {
        Window w = new Window(Fixtures.MODEL, 200, 3, "o");
        for (int i = 0; i < 200; i++) {
            InferenceEvent e = Fixtures.event(i, false, seed);
            Map<String, Object> features = new java.util.HashMap<>(e.features());
            features.put("age", ((Double) features.get("age")) + shift);
            w.add(new InferenceEvent(e.model(), e.requestId(), e.timestamp(), null, features, Map.of(), null, null));
        }
        return w;
    }

    @Test
    void aWindowDrawnLikeTheTrainingDataDoesNotDrift() {
        DriftStats stats = evaluator.evaluate(window(false, 11), spec, Fixtures.profile(), 3, NOW);

        assertThat(stats.drifted()).as(stats.toString()).isFalse();
        assertThat(stats.features()).extracting(FeatureDrift::feature).containsExactly("age", "income", "region");
        assertThat(stats.features()).extracting(FeatureDrift::test).containsExactly("ks", "ks", "chi-square");
        assertThat(stats.features()).allSatisfy(f -> assertThat(f.drifted()).isFalse());
        assertThat(stats.shareDrifted()).isZero();
    }

    @Test
    void aShiftedWindowDriftsOnEveryFeature() {
        DriftStats stats = evaluator.evaluate(window(true, 12), spec, Fixtures.profile(), 3, NOW);

        assertThat(stats.drifted()).isTrue();
        assertThat(stats.shareDrifted()).isEqualTo(1.0);
        assertThat(stats.features()).allSatisfy(f -> {
            assertThat(f.drifted()).isTrue();
            assertThat(f.pValue()).isLessThan(0.05);
            assertThat(f.threshold()).isEqualTo(0.05);
        });
    }

    @Test
    void statisticsDescribeTheWindowAndTheChampion() {
        Window w = window(false, 13);

        DriftStats stats = evaluator.evaluate(w, spec, Fixtures.profile(), 3, NOW);

        assertThat(stats.model()).isEqualTo(Fixtures.MODEL);
        assertThat(stats.championVersion()).isEqualTo(3);
        assertThat(stats.sampleSize()).isEqualTo(200);
        assertThat(stats.windowStart()).isEqualTo(T0);
        assertThat(stats.windowEnd()).isEqualTo(T0.plusSeconds(199));
        assertThat(stats.threshold()).isEqualTo(0.5);
        assertThat(stats.computedAt()).isEqualTo(NOW);
        FeatureDrift age = stats.features().get(0);
        assertThat(age.referenceSize()).isEqualTo(1000);
        assertThat(age.sampleSize()).isEqualTo(200);
        FeatureDrift region = stats.features().get(2);
        assertThat(region.referenceSize()).isEqualTo(1000);
        assertThat(region.sampleSize()).isEqualTo(200);
    }

    @Test
    void theSameWindowGetsTheSameIdAndAnotherWindowAnother() {
        DriftStats first = evaluator.evaluate(window(false, 14), spec, Fixtures.profile(), 3, NOW);
        DriftStats again = evaluator.evaluate(window(false, 14), spec, Fixtures.profile(), 3, NOW);
        DriftStats other = evaluator.evaluate(window(false, 15), spec, Fixtures.profile(), 3, NOW);

        assertThat(again).isEqualTo(first);
        assertThat(other.eventId()).isNotEqualTo(first.eventId());
    }

    @Test
    void theWindowDriftsWhenTheShareOfDriftedFeaturesReachesTheThreshold() {
        // age shifted, income and region as trained: 1 of 3 < 0.5; with threshold 1/3 it drifts
        Window w = ageShiftedBy(20, 16);
        ModelSpec third = io.driftloop.contracts.spec.ModelSpecs.parse("""
                name: credit-risk
                task: binary-classification
                features:
                  - {name: age, type: numeric}
                  - {name: income, type: numeric}
                  - {name: region, type: categorical, values: [north, south, east, west]}
                drift: {shareThreshold: 0.33}
                """);

        DriftStats half = evaluator.evaluate(w, spec, Fixtures.profile(), 3, NOW);
        DriftStats lower = evaluator.evaluate(w, third, Fixtures.profile(), 3, NOW);

        assertThat(half.shareDrifted()).isCloseTo(1.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(half.drifted()).isFalse();
        assertThat(lower.drifted()).isTrue();
    }

    @Test
    void aWindowWhoseOwnPValueIsNotBelowTheAlarmRateDoesNotDriftWhateverItsShare() {
        // age shifted a little: one feature of three, enough for a share threshold of 0.3
        Window w = ageShiftedBy(4, 21);
        DriftStats loose = evaluator.evaluate(w, specWith("alarmRate: 1"), Fixtures.profile(), 3, NOW);
        double windowP = loose.pValue();
        double[] q = MultipleTesting.adjust(loose.features().stream().mapToDouble(FeatureDrift::pValue).toArray(),
                Correction.BENJAMINI_HOCHBERG);

        DriftStats atIt = evaluator.evaluate(w, specWith("alarmRate: " + windowP), Fixtures.profile(), 3, NOW);
        DriftStats above = evaluator.evaluate(w, specWith("alarmRate: " + windowP * 1.001), Fixtures.profile(), 3, NOW);

        assertThat(loose.features()).filteredOn(FeatureDrift::drifted).extracting(FeatureDrift::feature)
                .containsExactly("age");
        assertThat(windowP).isEqualTo(java.util.Arrays.stream(q).min().orElseThrow()).isGreaterThan(0);
        assertThat(loose.drifted()).isTrue();
        assertThat(atIt.shareDrifted()).isEqualTo(loose.shareDrifted());
        assertThat(atIt.drifted()).as("share reached, window p-value not below the alarm rate").isFalse();
        assertThat(atIt.alarmRate()).isEqualTo(windowP);
        assertThat(above.drifted()).isTrue();
    }

    @Test
    void theWindowPValueIsTheSmallestBenjaminiHochbergQValue() {
        assertThat(WindowEvaluator.windowPValue(java.util.List.of())).isNull();
        java.util.List<FeatureDrift> features = java.util.stream.DoubleStream.of(0.04, 0.01, 0.03, 0.5)
                .mapToObj(p -> new FeatureDrift("f" + p, "ks", 0.1, p, 0.05, false, 100, 100, null,
                        FeatureDrift.P_VALUE, 1.0))
                .toList();
        // Simes: min(0.01*4/1, 0.03*4/2, 0.04*4/3, 0.5*4/4) = 0.04
        assertThat(WindowEvaluator.windowPValue(features)).isCloseTo(0.04, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void aFeatureAbsentFromTheProfileIsLeftOutOfTheShare() {
        ReferenceProfile full = Fixtures.profile();
        ReferenceProfile noIncome = new ReferenceProfile(full.model(), full.datasetId(), full.rows(),
                Map.of("age", full.numeric().get("age")), full.categorical());

        DriftStats stats = evaluator.evaluate(window(true, 17), spec, noIncome, 3, NOW);

        assertThat(stats.features()).extracting(FeatureDrift::feature).containsExactly("age", "region");
        assertThat(stats.shareDrifted()).isEqualTo(1.0);
    }

    @Test
    void aWindowWithNothingTestableDoesNotDrift() {
        ReferenceProfile empty = new ReferenceProfile(Fixtures.MODEL, "sha256:d", 0, Map.of(), Map.of());

        DriftStats stats = evaluator.evaluate(window(true, 18), spec, empty, 3, NOW);

        assertThat(stats.features()).isEmpty();
        assertThat(stats.shareDrifted()).isZero();
        assertThat(stats.drifted()).isFalse();
    }

    static ModelSpec specWith(String drift) {
        return io.driftloop.contracts.spec.ModelSpecs.parse("""
                name: credit-risk
                task: binary-classification
                features:
                  - {name: age, type: numeric}
                  - {name: income, type: numeric}
                  - {name: region, type: categorical, values: [north, south, east, west]}
                drift: {shareThreshold: 0.3, %s}
                """.formatted(drift));
    }

    static double[] raw(DriftStats stats) {
        return stats.features().stream().mapToDouble(FeatureDrift::pValue).toArray();
    }

    @Test
    void eachFeatureReportsItsRawAndItsBenjaminiHochbergAdjustedPValueByDefault() {
        DriftStats stats = evaluator.evaluate(window(false, 19), spec, Fixtures.profile(), 3, NOW);

        double[] expected = MultipleTesting.adjust(raw(stats), Correction.BENJAMINI_HOCHBERG);
        assertThat(stats.correction()).isEqualTo("benjamini-hochberg");
        for (int i = 0; i < expected.length; i++) {
            FeatureDrift f = stats.features().get(i);
            assertThat(f.adjustedPValue()).isEqualTo(expected[i]);
            assertThat(f.adjustedPValue()).isGreaterThanOrEqualTo(f.pValue());
            assertThat(f.drifted()).isEqualTo(f.adjustedPValue() < f.threshold());
        }
    }

    @Test
    void aFeatureDriftsOnItsAdjustedPValueNotItsRawOne() {
        Window w = window(false, 20);
        DriftStats probe = evaluator.evaluate(w, specWith("correction: none"), Fixtures.profile(), 3, NOW);
        int smallest = 0;
        for (int i = 1; i < 3; i++) {
            if (probe.features().get(i).pValue() < probe.features().get(smallest).pValue()) {
                smallest = i;
            }
        }
        double p = probe.features().get(smallest).pValue();
        assertThat(p).as("the smallest of three raw p-values").isLessThan(1).isGreaterThan(0);
        // a threshold between the raw p-value and its Bonferroni adjustment (m = 3): raw drifts, adjusted does not
        // (the window's own alarm rate left out: this is about the features' correction)
        String threshold = "pValue: " + (p + Math.min(1, 3 * p)) / 2 + ", alarmRate: 1";

        DriftStats none = evaluator.evaluate(w, specWith(threshold + ", correction: none"), Fixtures.profile(), 3, NOW);
        DriftStats bonferroni = evaluator.evaluate(w, specWith(threshold + ", correction: bonferroni"),
                Fixtures.profile(), 3, NOW);

        assertThat(none.correction()).isEqualTo("none");
        assertThat(none.features().get(smallest).adjustedPValue()).isEqualTo(p);
        assertThat(none.features().get(smallest).drifted()).isTrue();
        assertThat(none.drifted()).isTrue();
        assertThat(bonferroni.correction()).isEqualTo("bonferroni");
        assertThat(bonferroni.features().get(smallest).pValue()).isEqualTo(p);
        assertThat(bonferroni.features().get(smallest).adjustedPValue()).isEqualTo(Math.min(1, 3 * p));
        assertThat(bonferroni.features()).noneMatch(FeatureDrift::drifted);
        assertThat(bonferroni.shareDrifted()).isZero();
        assertThat(bonferroni.drifted()).isFalse();
    }

    @Test
    void featuresThatWereNotTestedAreNotCountedInTheCorrection() {
        ReferenceProfile full = Fixtures.profile();
        ReferenceProfile noIncome = new ReferenceProfile(full.model(), full.datasetId(), full.rows(),
                Map.of("age", full.numeric().get("age")), full.categorical());

        DriftStats stats = evaluator.evaluate(window(false, 21), specWith("correction: bonferroni"), noIncome, 3, NOW);

        assertThat(stats.features()).hasSize(2);
        assertThat(stats.features()).allSatisfy(f ->
                assertThat(f.adjustedPValue()).isEqualTo(Math.min(1, 2 * f.pValue())));
    }

    @Test
    void aRealShiftStillDriftsEveryFeatureUnderEitherCorrection() {
        for (String correction : new String[] {"benjamini-hochberg", "bonferroni"}) {
            DriftStats stats = evaluator.evaluate(window(true, 22), specWith("correction: " + correction),
                    Fixtures.profile(), 3, NOW);
            assertThat(stats.features()).as(correction).allMatch(FeatureDrift::drifted);
            assertThat(stats.drifted()).isTrue();
        }
    }

    static ModelSpec specWith(String features, String drift) {
        return io.driftloop.contracts.spec.ModelSpecs.parse("""
                name: credit-risk
                task: binary-classification
                features: %s
                drift: {shareThreshold: 0.3, %s}
                """.formatted(features, drift));
    }

    static final String FEATURES = "[{name: age, type: numeric}, {name: income, type: numeric},"
            + " {name: region, type: categorical, values: [north, south, east, west]}]";

    @Test
    void theDefaultTestsOfAThousandValueProfileAreKsAndChiSquareReportedAsPValueTests() {
        DriftStats stats = evaluator.evaluate(window(false, 30), spec, Fixtures.profile(), 3, NOW);

        assertThat(stats.features()).allSatisfy(f -> {
            assertThat(f.kind()).isEqualTo(FeatureDrift.P_VALUE);
            assertThat(f.pValue()).isNotNull();
            assertThat(f.weight()).isEqualTo(1.0);
        });
    }

    @Test
    void aProfileOfMoreThanAThousandValuesIsComparedByDistancesWithCalibratedPValues() {
        ReferenceProfile large = largeProfile();

        DriftStats calm = evaluator.evaluate(window(false, 31), spec, large, 3, NOW);
        DriftStats shifted = evaluator.evaluate(window(true, 32), spec, large, 3, NOW);

        assertThat(calm.features()).extracting(FeatureDrift::test).containsExactly("wasserstein", "wasserstein", "jensenshannon");
        assertThat(calm.features()).allSatisfy(f -> {
            assertThat(f.kind()).isEqualTo(FeatureDrift.DISTANCE);
            assertThat(f.pValue()).isBetween(1.0 / 1001, 1.0);
            assertThat(f.adjustedPValue()).isGreaterThanOrEqualTo(f.pValue());
            assertThat(f.threshold()).isEqualTo(0.1);
            // a large distance by chance in a small window is not drift: both the distance and the p-value decide
            assertThat(f.drifted()).isEqualTo(f.statistic() >= 0.1 && f.adjustedPValue() < 0.05);
            assertThat(f.referenceSize()).isEqualTo(4000);
        });
        assertThat(calm.drifted()).isFalse();
        assertThat(shifted.features()).allMatch(FeatureDrift::drifted);
        assertThat(shifted.drifted()).isTrue();
    }

    @Test
    void aDistanceFeatureOfAShiftedWindowDriftsExactlyWhenItsDistanceReachesTheThreshold() {
        Window w = window(true, 33);
        DriftStats probe = evaluator.evaluate(w, specWith(FEATURES, "numericTest: psi, categoricalTest: psi"),
                Fixtures.profile(), 3, NOW);
        double age = probe.features().get(0).statistic();

        DriftStats at = evaluator.evaluate(w, specWith(FEATURES, "numericTest: psi, categoricalTest: psi, distanceThreshold: " + age),
                Fixtures.profile(), 3, NOW);
        DriftStats above = evaluator.evaluate(w, specWith(FEATURES, "numericTest: psi, categoricalTest: psi, distanceThreshold: "
                + Math.nextUp(age)), Fixtures.profile(), 3, NOW);

        assertThat(at.features().get(0).drifted()).isTrue();
        assertThat(above.features().get(0).drifted()).isFalse();
        assertThat(at.features()).extracting(FeatureDrift::test).containsOnly("psi");
    }

    @Test
    void pValueTestsAndCalibratedDistancesAreAdjustedTogether() {
        String mixed = "[{name: age, type: numeric}, {name: income, type: numeric, driftTest: wasserstein},"
                + " {name: region, type: categorical, values: [north, south, east, west], driftTest: jensenshannon}]";

        DriftStats stats = evaluator.evaluate(window(false, 34), specWith(mixed, "correction: bonferroni"),
                Fixtures.profile(), 3, NOW);

        FeatureDrift age = stats.features().get(0);
        assertThat(age.test()).isEqualTo("ks");
        // three p-values (KS and two calibrated distances): Bonferroni multiplies each by 3
        assertThat(stats.features()).allSatisfy(f -> assertThat(f.adjustedPValue())
                .isCloseTo(Math.min(1, 3 * f.pValue()), org.assertj.core.data.Offset.offset(1e-12)));
        assertThat(stats.features().subList(1, 3)).extracting(FeatureDrift::kind).containsOnly(FeatureDrift.DISTANCE);
        assertThat(stats.correction()).isEqualTo("bonferroni");
    }

    @Test
    void aFeaturesOwnThresholdDecidesItsDrift() {
        String lenient = "[{name: age, type: numeric, driftTest: wasserstein, driftThreshold: 1000},"
                + " {name: income, type: numeric, driftTest: wasserstein},"
                + " {name: region, type: categorical, values: [north, south, east, west]}]";

        DriftStats stats = evaluator.evaluate(window(true, 35), specWith(lenient, "correction: none"), Fixtures.profile(), 3, NOW);

        // both are far beyond chance; only income's distance reaches its threshold
        assertThat(stats.features().get(0).threshold()).isEqualTo(1000);
        assertThat(stats.features().get(0).adjustedPValue()).isLessThan(0.05);
        assertThat(stats.features().get(0).drifted()).isFalse();
        assertThat(stats.features().get(1).drifted()).isTrue();
    }

    @Test
    void theShareOfDriftedFeaturesIsWeighted() {
        // only age drifts (shifted by 20 years); weights 3 : 1 : 1 -> share 3/5
        Window w = new Window(Fixtures.MODEL, 200, 3, "o");
        for (int i = 0; i < 200; i++) {
            InferenceEvent e = Fixtures.event(i, false, 36);
            Map<String, Object> features = new java.util.HashMap<>(e.features());
            features.put("age", ((Double) features.get("age")) + 20);
            w.add(new InferenceEvent(e.model(), e.requestId(), e.timestamp(), null, features, Map.of(), null, null));
        }
        String weighted = "[{name: age, type: numeric, driftWeight: 3}, {name: income, type: numeric},"
                + " {name: region, type: categorical, values: [north, south, east, west]}]";

        DriftStats heavy = evaluator.evaluate(w, specWith(weighted, "shareThreshold: 0.5"), Fixtures.profile(), 3, NOW);
        DriftStats even = evaluator.evaluate(w, specWith(FEATURES, "shareThreshold: 0.5"), Fixtures.profile(), 3, NOW);

        assertThat(heavy.features()).extracting(FeatureDrift::drifted).containsExactly(true, false, false);
        assertThat(heavy.features()).extracting(FeatureDrift::weight).containsExactly(3.0, 1.0, 1.0);
        assertThat(heavy.shareDrifted()).isCloseTo(0.6, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(heavy.drifted()).isTrue();
        assertThat(even.shareDrifted()).isCloseTo(1.0 / 3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(even.drifted()).isFalse();
    }

    @Test
    void featuresOfWeightZeroAreReportedButDoNotCount() {
        String zero = "[{name: age, type: numeric, driftWeight: 0}, {name: income, type: numeric, driftWeight: 0},"
                + " {name: region, type: categorical, values: [north, south, east, west], driftWeight: 0}]";

        DriftStats stats = evaluator.evaluate(window(true, 37), specWith(zero, "correction: none"), Fixtures.profile(), 3, NOW);

        assertThat(stats.features()).hasSize(3).allMatch(FeatureDrift::drifted);
        assertThat(stats.shareDrifted()).isZero();
        assertThat(stats.drifted()).isFalse();
    }

    /** As {@link Fixtures#profile()} with 4000 values per feature, so {@code auto} picks distances. */
    static ReferenceProfile largeProfile() {
        double[] age = Fixtures.normal(1, 4000, 40, 10);
        double[] income = Fixtures.normal(2, 4000, 50_000, 8_000);
        java.util.Arrays.sort(age);
        java.util.Arrays.sort(income);
        Map<String, Long> region = new java.util.LinkedHashMap<>();
        region.put("north", 1600L);
        region.put("south", 1200L);
        region.put("east", 800L);
        region.put("west", 400L);
        return new ReferenceProfile(Fixtures.MODEL, "sha256:d", 4000,
                Map.of("age", new io.driftloop.contracts.dataset.NumericProfile(4000, 40, 10, age),
                        "income", new io.driftloop.contracts.dataset.NumericProfile(4000, 50_000, 8_000, income)),
                Map.of("region", region));
    }

    @Test
    void aReferenceIsComparedByItsOwnSampleEvenWhenAnotherProfileWasEvaluatedFirst() {
        ModelSpec large = specWith("numericTest: wasserstein, categoricalTest: jensenshannon");
        ReferenceProfile first = Fixtures.profile();
        ReferenceProfile shifted = new ReferenceProfile(Fixtures.MODEL, "sha256:e", 1000,
                Map.of("age", new io.driftloop.contracts.dataset.NumericProfile(1000, 60, 10, Fixtures.normal(8, 1000, 60, 10)),
                        "income", first.numeric().get("income")),
                first.categorical(), first.labels());
        Window w = window(false, 40);

        DriftStats againstFirst = evaluator.evaluate(w, large, first, 3, NOW);
        DriftStats againstShifted = evaluator.evaluate(w, large, shifted, 3, NOW);
        DriftStats firstAgain = evaluator.evaluate(w, large, first, 3, NOW);

        assertThat(againstShifted).isEqualTo(new WindowEvaluator(new DriftTests(1)).evaluate(w, large, shifted, 3, NOW));
        assertThat(firstAgain).isEqualTo(againstFirst);
        assertThat(againstShifted.features().get(0).statistic()).isGreaterThan(againstFirst.features().get(0).statistic() + 1);
        assertThat(againstShifted.features().get(1)).isEqualTo(againstFirst.features().get(1));
    }
}
