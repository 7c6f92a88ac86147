package io.driftloop.driftdetector.domain;

import static io.driftloop.driftdetector.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.FeatureDrift;
import io.driftloop.contracts.events.InferenceEvent;
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
        Window w = new Window(Fixtures.MODEL, 200, 3, "o");
        for (int i = 0; i < 200; i++) {
            InferenceEvent e = Fixtures.event(i, false, 16);
            Map<String, Object> features = new java.util.HashMap<>(e.features());
            features.put("age", ((Double) features.get("age")) + 20);
            w.add(new InferenceEvent(e.model(), e.requestId(), e.timestamp(), null, features, Map.of(), null, null));
        }
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
}
