package io.driftloop.dataprep.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.dataset.Split;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SizingRuleTest {

    static final double VAL = 0.15;
    static final double TEST = 0.15;

    static ModelSpec spec(String gates, int maxExamples) {
        return ModelSpecs.parse("""
                name: m
                task: binary-classification
                label: y
                features: [{name: x, type: numeric}]
                attributes: [{name: gender, sensitive: true}, {name: region, sensitive: true}, {name: channel}]
                training: {maxExamples: %d}
                gates: %s
                """.formatted(maxExamples, gates));
    }

    /** Example i (newest first): request id "r-i", gender b for every twelfth (8 %), label by {@code positive}. */
    static List<SizingRule.Example> examples(int n, IntPredicate positive) {
        List<SizingRule.Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new SizingRule.Example(Split.of("r-" + i, VAL, TEST), positive.test(i) ? 1 : 0,
                    Map.of("gender", i % 12 == 0 ? "b" : "a", "region", i % 2 == 0 ? "n" : "s", "channel", "web")));
        }
        return out;
    }

    /** The smallest count of newest examples in which {@code counted} test rows reach {@code needed}. */
    static int firstWith(List<SizingRule.Example> examples, Predicate<SizingRule.Example> counted, int needed) {
        int have = 0;
        for (int i = 0; i < examples.size(); i++) {
            SizingRule.Example e = examples.get(i);
            if (e.split() == Split.TEST && counted.test(e)) {
                have++;
            }
            if (have >= needed) {
                return i + 1;
            }
        }
        return -1;
    }

    static final Predicate<SizingRule.Example> GROUP_B = e -> "b".equals(e.attributes().get("gender"));

    @Test
    void proportionRowsAreZSquaredOverWidthSquared() {
        // z(0.975) = 1.959964: 3.8415 / 0.04 = 96.04 and / 0.01 = 384.1
        assertThat(SizingRule.proportionRows(0.95, 0.2)).isEqualTo(97);
        assertThat(SizingRule.proportionRows(0.95, 0.1)).isEqualTo(385);
        assertThat(SizingRule.proportionRows(0.99, 0.1)).isEqualTo(664);
        assertThat(SizingRule.rocAucPairs(0.95, 0.2)).isCloseTo(3.8415 / 0.12, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void theCutComesAtTheFirstCountWhereTheSmallGroupHasItsTestRows() {
        ModelSpec spec = spec("{minGroupSize: 20, quality: [{metric: accuracy, kind: minimum, threshold: 0.5}],"
                + " fairness: [{metric: demographic-parity-difference, attributes: [gender]}]}", 100);
        List<SizingRule.Example> pool = examples(20_000, i -> i % 3 == 0);
        int expected = Math.max(firstWith(pool, GROUP_B, 20), firstWith(pool, e -> true, 97));

        SizingRule.Plan plan = SizingRule.plan(spec, 50, pool, 0);

        assertThat(plan.sufficient()).isTrue();
        assertThat(plan.take()).isEqualTo(expected).isGreaterThan(100);
        assertThat(plan.sizing().requiredExamples()).isEqualTo(expected);
        assertThat(plan.sizing().examples()).isEqualTo(expected);
        assertThat(plan.sizing().shortfalls()).isEmpty();
        assertThat(plan.sizing().requirements()).contains("gender=b: 20 test rows (had 20)", "examples: 50 (had " + expected + ")");
        // one fewer example and the group would be short
        assertThat(SizingRule.plan(spec, 50, pool.subList(0, expected - 1), 0).sufficient()).isFalse();
    }

    @Test
    void onceEveryGateCanDecideTheDatasetKeepsUpToMaxExamples() {
        ModelSpec spec = spec("{minGroupSize: 5, fairness: [{metric: demographic-parity-difference}]}", 5000);
        List<SizingRule.Example> pool = examples(20_000, i -> i % 3 == 0);

        SizingRule.Plan plan = SizingRule.plan(spec, 10, pool, 0);

        assertThat(plan.sufficient()).isTrue();
        assertThat(plan.take()).isEqualTo(5000);
        assertThat(plan.sizing().requiredExamples()).isLessThan(5000);
        assertThat(SizingRule.plan(spec, 10, pool.subList(0, 3000), 0).take()).isEqualTo(3000);
    }

    @Test
    void aRateOfTruePositivesNeedsPositivesInEveryGroupAndEqualizedOddsNegativesToo() {
        List<SizingRule.Example> pool = examples(40_000, i -> i % 5 == 0);
        ModelSpec opportunity = spec("{minGroupSize: 20, quality: [{metric: accuracy, kind: minimum, threshold: 0.5}],"
                + " fairness: [{metric: equal-opportunity-difference, attributes: [gender]}]}", 100);
        ModelSpec odds = spec("{minGroupSize: 20, quality: [{metric: accuracy, kind: minimum, threshold: 0.5}],"
                + " fairness: [{metric: equalized-odds-difference, attributes: [gender]}]}", 100);
        int positivesOfB = firstWith(pool, GROUP_B.and(e -> e.label() == 1), 20);
        int negativesOfA = firstWith(pool, e -> "a".equals(e.attributes().get("gender")) && e.label() == 0, 20);

        SizingRule.Plan p = SizingRule.plan(opportunity, 1, pool, 0);
        SizingRule.Plan o = SizingRule.plan(odds, 1, pool, 0);

        assertThat(p.take()).isEqualTo(Math.max(positivesOfB, firstWith(pool, e -> true, 97)));
        assertThat(p.sizing().requirements()).anyMatch(r -> r.startsWith("gender=b: 20 test positives"))
                .noneMatch(r -> r.contains("negatives"));
        assertThat(o.take()).isGreaterThanOrEqualTo(Math.max(positivesOfB, negativesOfA));
        assertThat(o.sizing().requirements()).anyMatch(r -> r.startsWith("gender=b: 20 test negatives"));
    }

    @Test
    void shortOfTheGroupEverythingIsTakenAndTheShortfallAndTheProgressNameIt() {
        ModelSpec spec = spec("{minGroupSize: 20, quality: [], fairness: [{metric: demographic-parity-difference,"
                + " attributes: [gender]}]}", 100);
        List<SizingRule.Example> pool = examples(640, i -> i % 3 == 0);
        long bTest = pool.stream().filter(e -> e.split() == Split.TEST).filter(GROUP_B).count();
        assertThat(bTest).isLessThan(20);

        SizingRule.Plan plan = SizingRule.plan(spec, 100, pool, 1234);

        assertThat(plan.sufficient()).isFalse();
        assertThat(plan.take()).isEqualTo(640);
        assertThat(plan.sizing().waited()).isEqualTo(1234);
        assertThat(plan.sizing().shortfalls()).containsExactly("gender=b: 20 test rows (had " + bTest + ")");
        // 20 test rows at the share seen so far (bTest of 640)
        int estimate = (int) Math.ceil(20 / (bTest / 640.0));
        assertThat(plan.sizing().requiredExamples()).isEqualTo(estimate);
        assertThat(plan.progress()).isEqualTo("group gender=b has " + bTest + " of 20 test rows; 640 of " + estimate
                + " examples");
    }

    @Test
    void belowTheRequestsMinimumNothingSuffices() {
        ModelSpec spec = spec("{fairness: []}", 100);
        List<SizingRule.Example> pool = examples(2000, i -> i % 2 == 0);

        assertThat(SizingRule.plan(spec, 2001, pool, 0).sufficient()).isFalse();
        assertThat(SizingRule.plan(spec, 2001, pool, 0).sizing().shortfalls()).containsExactly("examples: 2001 (had 2000)");
        assertThat(SizingRule.plan(spec, 2000, pool, 0).sufficient()).isTrue();
    }

    @Test
    void rocAucNeedsBothClassesAndMoreRowsTheRarerTheMinorityIs() {
        ModelSpec spec = spec("{fairness: [], quality: [{metric: rocAuc, kind: minimum, threshold: 0.5}]}", 10);
        int balanced = SizingRule.plan(spec, 1, examples(40_000, i -> i % 2 == 0), 0).take();
        int imbalanced = SizingRule.plan(spec, 1, examples(40_000, i -> i % 10 == 0), 0).take();
        SizingRule.Plan oneClass = SizingRule.plan(spec, 1, examples(5000, i -> true), 0);

        // P·N/(P+N+1) >= 32.0: about 129 test rows balanced, about 356 at 10 % positives
        assertThat(balanced * TEST).isBetween(90.0, 180.0);
        assertThat(imbalanced).isGreaterThan(2 * balanced);
        assertThat(oneClass.sufficient()).isFalse();
        assertThat(oneClass.sizing().shortfalls()).singleElement().asString().startsWith("rocAuc interval");
    }

    @Test
    void aFairnessGateCoversOnlyItsAttributesAndNeverAPlainAttribute() {
        ModelSpec gender = spec("{fairness: [{metric: demographic-parity-difference, attributes: [gender]}]}", 10);
        ModelSpec all = spec("{fairness: [{metric: demographic-parity-difference}]}", 10);
        List<SizingRule.Example> pool = examples(20_000, i -> i % 3 == 0);

        assertThat(SizingRule.plan(gender, 1, pool, 0).sizing().requirements())
                .anyMatch(r -> r.startsWith("gender=b")).noneMatch(r -> r.startsWith("region="))
                .noneMatch(r -> r.startsWith("channel="));
        assertThat(SizingRule.plan(all, 1, pool, 0).sizing().requirements())
                .anyMatch(r -> r.startsWith("region=n")).anyMatch(r -> r.startsWith("region=s"))
                .noneMatch(r -> r.startsWith("channel="));
    }

    @Test
    void intersectionsAreSizedWhenTheSpecGatesThem() {
        ModelSpec spec = spec("{minGroupSize: 20, intersections: true, fairness: [{metric: demographic-parity-difference}]}",
                10);
        List<SizingRule.Example> pool = examples(40_000, i -> i % 3 == 0);
        // every twelfth example is gender b, and those are all even, so region n: b×s never occurs
        SizingRule.Plan plan = SizingRule.plan(spec, 1, pool, 0);

        assertThat(plan.sizing().requirements()).anyMatch(r -> r.startsWith("gender×region=b×n: 20 test rows"))
                .noneMatch(r -> r.startsWith("gender×region=b×s"));
        assertThat(plan.take()).isEqualTo(Math.max(firstWith(pool, GROUP_B.and(e -> "n".equals(e.attributes()
                .get("region"))), 20), firstWith(pool, e -> true, 97)));
    }

    @Test
    void examplesWithoutTheAttributeBelongToNoGroup() {
        ModelSpec spec = spec("{minGroupSize: 3, fairness: [{metric: demographic-parity-difference, attributes: [gender]}]}",
                10);
        List<SizingRule.Example> pool = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            pool.add(new SizingRule.Example(Split.of("r-" + i, VAL, TEST), i % 2, i % 2 == 0 ? Map.of() : Map.of("gender", "a")));
        }
        assertThat(SizingRule.plan(spec, 1, pool, 0).sizing().requirements()).filteredOn(r -> r.startsWith("gender"))
                .singleElement().asString().startsWith("gender=a: 3 test rows");
    }

    @Test
    void noExamplesGiveAnInsufficientPlanThatTakesNothing() {
        SizingRule.Plan plan = SizingRule.plan(spec("{}", 10), 5, List.of(), 0);
        assertThat(plan.sufficient()).isFalse();
        assertThat(plan.take()).isZero();
        assertThat(plan.progress()).endsWith("0 of ? examples");
    }
}
