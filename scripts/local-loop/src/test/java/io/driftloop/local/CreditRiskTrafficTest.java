package io.driftloop.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CreditRiskTrafficTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void sameSeedGivesTheSameTraffic() {
        CreditRiskTraffic a = new CreditRiskTraffic(3);
        CreditRiskTraffic b = new CreditRiskTraffic(3);
        for (int i = 0; i < 100; i++) {
            assertThat(a.next(i > 50, NOW)).isEqualTo(b.next(i > 50, NOW));
        }
    }

    @Test
    void everyRequestIsValidAgainstTheDemoSpec() {
        ModelSpec spec = ModelSpecs.parse(CreditRiskTraffic.SPEC);
        CreditRiskTraffic traffic = new CreditRiskTraffic(1);
        for (int i = 0; i < 200; i++) {
            CreditRiskTraffic.Request r = traffic.next(i % 2 == 0, NOW);
            r.inference().validate();
            r.feedback().validate();
            assertThat(r.inference().features().keySet())
                    .containsExactlyInAnyOrderElementsOf(spec.features().stream().map(f -> f.name()).toList());
            assertThat(r.inference().requestId()).isEqualTo(r.feedback().requestId());
        }
    }

    @Test
    void shiftMovesTheFeaturesAndChangesTheLabelRule() {
        CreditRiskTraffic traffic = new CreditRiskTraffic(5);
        List<CreditRiskTraffic.Request> before = IntStream.range(0, 4000).mapToObj(i -> traffic.next(false, NOW)).toList();
        List<CreditRiskTraffic.Request> after = IntStream.range(0, 4000).mapToObj(i -> traffic.next(true, NOW)).toList();

        assertThat(mean(before, "age") - mean(after, "age")).isGreaterThan(10);
        assertThat(mean(after, "income") - mean(before, "income")).isGreaterThan(15_000);
        // the old rule (debt up, income down => default) no longer predicts the new labels
        assertThat(oldRuleAccuracy(before)).isGreaterThan(0.8);
        assertThat(oldRuleAccuracy(after)).isLessThan(0.65);
    }

    @Test
    void aboutOneApplicantInTwelveIsInTheSmallSensitiveGroup() {
        CreditRiskTraffic traffic = new CreditRiskTraffic(9);
        long minority = IntStream.range(0, 20_000).mapToObj(i -> traffic.next(i % 2 == 0, NOW))
                .filter(r -> "minority".equals(r.inference().attributes().get("ethnicity"))).count();
        assertThat(minority / 20_000.0).isBetween(0.07, 0.09);
    }

    @Test
    void theOldRuleStillRanksTheShiftedWorldDecentlySoNonInferiorityOnRocAucIsARealTest() {
        CreditRiskTraffic traffic = new CreditRiskTraffic(5);
        List<CreditRiskTraffic.Request> after = IntStream.range(0, 4000).mapToObj(i -> traffic.next(true, NOW)).toList();
        double auc = oldRuleRocAuc(after);
        assertThat(auc).isBetween(0.65, 0.9);
    }

    /** ROC-AUC of the old rule's logit as a score: the share of (positive, negative) pairs it orders right. */
    static double oldRuleRocAuc(List<CreditRiskTraffic.Request> rs) {
        List<Double> pos = new java.util.ArrayList<>();
        List<Double> neg = new java.util.ArrayList<>();
        for (CreditRiskTraffic.Request r : rs) {
            double debt = ((Number) r.inference().features().get("debt_ratio")).doubleValue();
            double income = ((Number) r.inference().features().get("income")).doubleValue();
            double score = 3.0 * (debt - 0.5) - (income - 50_000) / 15_000.0;
            (r.feedback().label() == 1 ? pos : neg).add(score);
        }
        long right = 0;
        for (double p : pos) {
            for (double n : neg) {
                right += p > n ? 2 : p == n ? 1 : 0;
            }
        }
        return right / (2.0 * pos.size() * neg.size());
    }

    static double mean(List<CreditRiskTraffic.Request> rs, String feature) {
        return rs.stream().mapToDouble(r -> ((Number) r.inference().features().get(feature)).doubleValue()).average().orElseThrow();
    }

    static double oldRuleAccuracy(List<CreditRiskTraffic.Request> rs) {
        return rs.stream().mapToDouble(r -> {
            double debt = ((Number) r.inference().features().get("debt_ratio")).doubleValue();
            double income = ((Number) r.inference().features().get("income")).doubleValue();
            int predicted = 3.0 * (debt - 0.5) - (income - 50_000) / 15_000.0 > 0 ? 1 : 0;
            return predicted == r.feedback().label() ? 1 : 0;
        }).average().orElseThrow();
    }
}
