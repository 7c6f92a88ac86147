package io.driftloop.driftdetector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftTestsTest {

    final DriftTests tests = new DriftTests(7);

    @Test
    void ksPValueIsTinyForANormalSampleShiftedByHalfAStandardDeviation() {
        DriftTests.Result r = tests.ks(Fixtures.normal(1, 2000, 0, 1), Fixtures.normal(2, 500, 0.5, 1));

        assertThat(r.pValue()).isLessThan(1e-6);
        assertThat(r.statistic()).isBetween(0.1, 0.35);
    }

    @Test
    void ksPValueIsLargeForTwoSamplesOfTheSameDistribution() {
        DriftTests.Result r = tests.ks(Fixtures.normal(1, 2000, 0, 1), Fixtures.normal(2, 500, 0, 1));

        assertThat(r.pValue()).isGreaterThan(0.05);
        assertThat(r.statistic()).isLessThan(0.07);
    }

    @Test
    void ksDetectsAChangeOfSpreadWithTheSameMean() {
        DriftTests.Result r = tests.ks(Fixtures.normal(1, 2000, 0, 1), Fixtures.normal(2, 500, 0, 3));

        assertThat(r.pValue()).isLessThan(1e-6);
    }

    @Test
    void ksOfCompletelySeparatedSmallSamplesHasTheExactPValue() {
        // D = 1; exact two-sided p = 2 / C(10, 5) = 2 / 252
        DriftTests.Result r = tests.ks(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10});

        assertThat(r.statistic()).isEqualTo(1.0);
        assertThat(r.pValue()).isCloseTo(2.0 / 252, within(1e-6));
    }

    @Test
    void ksOfIdenticalSamplesWithTiesFindsNoDrift() {
        double[] values = {1, 1, 2, 2, 3, 3, 4, 4, 5, 5};

        DriftTests.Result r = tests.ks(values, values.clone());

        assertThat(r.statistic()).isEqualTo(0.0);
        assertThat(r.pValue()).isGreaterThan(0.9);
    }

    @Test
    void ksLeavesItsInputsUntouchedAndGivesTheSameAnswerTwice() {
        double[] reference = {1, 1, 2, 2, 3};
        double[] sample = {2, 2, 3, 3, 4};

        DriftTests.Result first = tests.ks(reference, sample);
        DriftTests.Result second = new DriftTests(7).ks(reference, sample);

        assertThat(reference).containsExactly(1, 1, 2, 2, 3);
        assertThat(sample).containsExactly(2, 2, 3, 3, 4);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void ksRefusesSamplesOfFewerThanTwoValues() {
        assertThatThrownBy(() -> tests.ks(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
    }

    @Test
    void chiSquareMatchesTheTextbookValueForTwoBalancedBins() {
        // sum (a - b)^2 / (a + b) = 100/30 + 100/30; p = P(chi2(1) > 6.667)
        DriftTests.Result r = tests.chiSquare(Map.of("a", 10L, "b", 20L), Map.of("a", 20L, "b", 10L));

        assertThat(r.statistic()).isCloseTo(20.0 / 3, within(1e-9));
        assertThat(r.pValue()).isCloseTo(0.009823, within(1e-5));
    }

    @Test
    void chiSquarePValueIsTinyWhenCategoryProportionsShift() {
        DriftTests.Result r = tests.chiSquare(Map.of("north", 400L, "south", 300L, "east", 200L, "west", 100L),
                Map.of("north", 10L, "south", 10L, "east", 20L, "west", 60L));

        assertThat(r.pValue()).isLessThan(1e-9);
    }

    @Test
    void chiSquarePValueIsLargeForProportionalCounts() {
        DriftTests.Result r = tests.chiSquare(Map.of("north", 400L, "south", 300L, "east", 200L, "west", 100L),
                Map.of("north", 41L, "south", 29L, "east", 19L, "west", 11L));

        assertThat(r.pValue()).isGreaterThan(0.5);
    }

    @Test
    void aCategoryNeverSeenInTrainingIsABinOfItsOwnAndDrifts() {
        Map<String, Long> reference = Map.of("north", 500L, "south", 500L);

        DriftTests.Result unseen = tests.chiSquare(reference, Map.of("north", 40L, "south", 40L, "mars", 20L));

        assertThat(unseen.pValue()).isLessThan(1e-6);
        assertThat(unseen.statistic()).isGreaterThan(0);
    }

    @Test
    void categoriesZeroOnBothSidesAreDropped() {
        DriftTests.Result withZeros = tests.chiSquare(Map.of("a", 10L, "b", 20L, "c", 0L),
                Map.of("a", 20L, "b", 10L, "c", 0L));

        assertThat(withZeros).isEqualTo(tests.chiSquare(Map.of("a", 10L, "b", 20L), Map.of("a", 20L, "b", 10L)));
    }

    @Test
    void fewerThanTwoCategoriesGiveNoEvidenceOfDrift() {
        DriftTests.Result one = tests.chiSquare(Map.of("north", 100L, "south", 0L), Map.of("north", 50L));

        assertThat(one).isEqualTo(new DriftTests.Result(0, 1));
    }

    @Test
    void anEmptySideGivesNoEvidenceOfDrift() {
        assertThat(tests.chiSquare(Map.of(), Map.of("a", 5L, "b", 5L))).isEqualTo(new DriftTests.Result(0, 1));
    }

    @Test
    void pValuesStayWithinZeroAndOne() {
        double[] far = Arrays.stream(Fixtures.normal(3, 500, 100, 1)).toArray();
        assertThat(tests.ks(Fixtures.normal(1, 2000, 0, 1), far).pValue()).isBetween(0.0, 1.0);
    }
}
