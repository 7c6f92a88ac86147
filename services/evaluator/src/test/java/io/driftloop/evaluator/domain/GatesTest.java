package io.driftloop.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.events.GateResult;
import io.driftloop.contracts.spec.GateSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatesTest {

    private static Scorecard card(double accuracy, double rocAuc) {
        return new Scorecard(200, accuracy, rocAuc, Map.of());
    }

    private static ParityReport parity(double f, double m) {
        return new ParityReport("gender", 20, List.of(new GroupRate("f", 100, (int) Math.round(f * 100), true),
                new GroupRate("m", 100, (int) Math.round(m * 100), true)), Math.abs(f - m));
    }

    @Test
    void minAccuracyPassesAtOrAboveTheMinimum() {
        GateResult above = Gates.minAccuracy(card(0.81, 0.9), 0.65).result();
        assertThat(above.passed()).isTrue();
        assertThat(above.gate()).isEqualTo("min-accuracy");
        assertThat(above.metric()).isEqualTo("accuracy");
        assertThat(above.value()).isEqualTo(0.81);
        assertThat(above.threshold()).isEqualTo(0.65);
        assertThat(above.detail()).isEqualTo("accuracy 0.810 >= 0.650 on 200 test rows");
        assertThat(Gates.minAccuracy(card(0.65, 0.9), 0.65).passed()).isTrue();
    }

    @Test
    void minAccuracyFailsBelowTheMinimum() {
        Check check = Gates.minAccuracy(card(0.55, 0.9), 0.6);
        assertThat(check.passed()).isFalse();
        assertThat(check.result().detail()).isEqualTo("accuracy 0.550 < 0.600 on 200 test rows");
        assertThat(check.shortfall()).isEqualTo("min-accuracy 0.550 < 0.600");
    }

    @Test
    void minRocAucPassesAndFails() {
        assertThat(Gates.minRocAuc(card(0.8, 0.6), 0.6).passed()).isTrue();
        Check low = Gates.minRocAuc(card(0.8, 0.59), 0.6);
        assertThat(low.passed()).isFalse();
        assertThat(low.result().metric()).isEqualTo("rocAuc");
        assertThat(low.result().detail()).isEqualTo("ROC-AUC 0.590 < 0.600 on 200 test rows");
    }

    @Test
    void anUndefinedRocAucFailsClosedAndSaysWhy() {
        Check check = Gates.minRocAuc(card(0.8, Double.NaN), 0.6);
        assertThat(check.passed()).isFalse();
        assertThat(check.result().value()).isZero();
        assertThat(check.result().detail()).contains("undefined", "only one class", "failing closed");
    }

    @Test
    void candidateWithinTheAllowedDegradationOfTheChampionPasses() {
        // 0.8 - 0.01 is not exactly 0.79 in binary floating point; the boundary still passes
        Check check = Gates.noWorseThanChampion("accuracy", 0.79, 0.8, 3, 0.01);
        assertThat(check.passed()).isTrue();
        assertThat(check.result().gate()).isEqualTo("no-worse-than-champion.accuracy");
        assertThat(check.result().threshold()).isCloseTo(0.79, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(check.result().detail())
                .isEqualTo("candidate accuracy 0.790 vs champion v3 0.800: at least 0.790 required (champion minus 0.010), passed");
    }

    @Test
    void candidateBetterThanTheChampionPasses() {
        assertThat(Gates.noWorseThanChampion("rocAuc", 0.95, 0.7, 1, 0.01).passed()).isTrue();
    }

    @Test
    void candidateTrailingTheChampionByMoreThanAllowedFails() {
        Check check = Gates.noWorseThanChampion("rocAuc", 0.70, 0.75, 2, 0.01);
        assertThat(check.passed()).isFalse();
        assertThat(check.result().gate()).isEqualTo("no-worse-than-champion.rocAuc");
        assertThat(check.result().detail()).contains("champion v2 0.750", "trails by 0.050");
        assertThat(check.shortfall()).isEqualTo("no-worse-than-champion.rocAuc 0.700 < 0.740");
    }

    @Test
    void comparisonOnAnUndefinedMetricFails() {
        Check check = Gates.noWorseThanChampion("rocAuc", Double.NaN, Double.NaN, 2, 0.01);
        assertThat(check.passed()).isFalse();
        assertThat(check.result().detail()).contains("undefined", "failing closed");
    }

    @Test
    void anUnscorableChampionFailsTheComparisonAndNamesTheReason() {
        Check check = Gates.championUnavailable(4, "model artifact unreadable: artifact file:///x does not exist");
        assertThat(check.passed()).isFalse();
        assertThat(check.result().gate()).isEqualTo("champion-comparison");
        assertThat(check.result().detail()).contains("champion v4 cannot be scored", "failing closed", "does not exist");
    }

    @Test
    void fairnessPassesAtOrBelowTheLimit() {
        Check check = Gates.fairness(parity(0.5, 0.3), 0.25);
        assertThat(check.passed()).isTrue();
        assertThat(check.result().gate()).isEqualTo("fairness.gender");
        assertThat(check.result().metric()).isEqualTo("demographicParityDifference.gender");
        assertThat(check.result().detail()).startsWith("demographic parity difference 0.200 <= 0.250 (gender:");
        assertThat(Gates.fairness(parity(0.5, 0.25), 0.25).passed()).isTrue();
    }

    @Test
    void fairnessFailsAboveTheLimit() {
        Check check = Gates.fairness(parity(0.61, 0.30), 0.25);
        assertThat(check.passed()).isFalse();
        assertThat(check.result().value()).isCloseTo(0.31, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(check.shortfall()).isEqualTo("fairness.gender 0.310 > 0.250");
        assertThat(check.result().detail()).contains("m 0.300 of 100", "f 0.610 of 100");
    }

    @Test
    void anUnavailablePreconditionFails() {
        Check check = Gates.unavailable(Gates.TEST_SPLIT, "testRows", "dataset sha256:x has no test rows");
        assertThat(check.passed()).isFalse();
        assertThat(check.result().detail()).isEqualTo("dataset sha256:x has no test rows; the candidate cannot be evaluated");
        assertThat(check.shortfall()).isEqualTo("test-split: dataset sha256:x has no test rows");
    }

    @Test
    void policyTakesTheSpecsThresholdsAndDefaultsForTheRest() {
        GatePolicy policy = GatePolicy.of(new GateSpec(0.7, null, 0.02, null), 30);
        assertThat(policy).isEqualTo(new GatePolicy(0.7, GateSpec.DEFAULTS.minRocAuc(), 0.02,
                GateSpec.DEFAULTS.maxDemographicParityDifference(), 30));
        assertThat(GatePolicy.of(null, 20).minAccuracy()).isEqualTo(GateSpec.DEFAULTS.minAccuracy());
    }
}
