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

    @Test
    void ksOfDistributionsWithTiesComparesTheTiesAsTheyAre() {
        // F_ref - F_cur at 1: 0.5 - 0; at 2: 1 - 0.5 -> D = 0.5, exact p for n = m = 4 from the reflection formula
        DriftTests.Result r = tests.ks(new double[] {1, 1, 2, 2}, new double[] {2, 2, 3, 3});

        assertThat(r.statistic()).isEqualTo(0.5);
        assertThat(r.pValue()).isCloseTo(KsPValue.outsideSquare(4, 2), within(1e-15));
    }

    @Test
    void wassersteinIsTheMeanShiftInReferenceStandardDeviations() {
        double[] reference = Fixtures.normal(1, 2000, 0, 2);
        double[] shifted = Arrays.stream(reference).map(v -> v + 1).toArray();

        double distance = tests.wasserstein(Distribution.of(reference), Distribution.of(shifted));

        assertThat(distance).isCloseTo(1 / Distribution.of(reference).std(), within(1e-9));
    }

    @Test
    void wassersteinAgainstAConstantReferenceDividesByTheSmallestStandardDeviation() {
        Distribution constant = Distribution.of(new double[] {5, 5, 5, 5});

        assertThat(tests.wasserstein(constant, Distribution.of(new double[] {5, 5}))).isZero();
        assertThat(tests.wasserstein(constant, Distribution.of(new double[] {5, 5.01})))
                .isCloseTo(0.005 / DriftTests.MIN_STD, within(1e-9));
    }

    @Test
    void jensenShannonIsZeroForEqualProportionsAndSqrtLn2ForDisjointCategories() {
        assertThat(tests.jensenShannon(Map.of("a", 10L, "b", 30L), Map.of("a", 1L, "b", 3L))).isCloseTo(0, within(1e-12));
        assertThat(tests.jensenShannon(Map.of("a", 10L), Map.of("b", 4L))).isCloseTo(Math.sqrt(Math.log(2)), within(1e-12));
    }

    @Test
    void jensenShannonOfAShiftedNumericFeatureExceedsTheDefaultThreshold() {
        Distribution reference = Distribution.of(Fixtures.normal(1, 5000, 0, 1));

        assertThat(tests.jensenShannon(reference, Distribution.of(Fixtures.normal(2, 500, 0, 1)))).isLessThan(0.1);
        assertThat(tests.jensenShannon(reference, Distribution.of(Fixtures.normal(3, 500, 1, 1)))).isGreaterThan(0.1);
    }

    @Test
    void psiIsZeroForTheReferenceItselfAndCountsAnEmptyBinAsEpsilon() {
        Distribution reference = Distribution.of(Fixtures.normal(1, 3000, 0, 1));
        assertThat(tests.psi(reference, reference)).isCloseTo(0, within(1e-12));

        // a: 0.5 vs 1.0 ; b: 0.5 vs empty (1e-4)
        double expected = (0.5 - 1.0) * Math.log(0.5 / 1.0) + (0.5 - DriftTests.PSI_EMPTY_BIN) * Math.log(0.5 / DriftTests.PSI_EMPTY_BIN);
        assertThat(tests.psi(Map.of("a", 5L, "b", 5L), Map.of("a", 8L))).isCloseTo(expected, within(1e-12));
    }

    @Test
    void aCategoryNeverSeenInTrainingRaisesEveryCategoricalDistance() {
        Map<String, Long> reference = Map.of("north", 500L, "south", 500L);
        Map<String, Long> same = Map.of("north", 50L, "south", 50L);
        Map<String, Long> unseen = Map.of("north", 40L, "south", 40L, "mars", 20L);

        assertThat(tests.jensenShannon(reference, unseen)).isGreaterThan(tests.jensenShannon(reference, same) + 0.1);
        assertThat(tests.psi(reference, unseen)).isGreaterThan(0.1);
    }

    @Test
    void referenceBinsAreTheDistinctThirtyQuantilesAndWindowValuesBeyondTheRangeFallInTheOuterBins() {
        Distribution reference = Distribution.of(java.util.stream.IntStream.range(0, 300).asDoubleStream().toArray());
        double[] edges = DriftTests.referenceBins(reference);

        assertThat(edges).hasSize(DriftTests.BINS - 1);
        double[] p = DriftTests.binned(Distribution.of(new double[] {-100, 1000}), edges);
        assertThat(p[0]).isEqualTo(0.5);
        assertThat(p[p.length - 1]).isEqualTo(0.5);
        assertThat(DriftTests.referenceBins(Distribution.of(new double[] {3, 3, 3, 3}))).containsExactly(3.0);
    }

    @Test
    void wassersteinEqualsTheIntegralSummedPointByPointOverBothSidesMerged() {
        java.util.Random random = new java.util.Random(17);
        DriftTests tests = new DriftTests();
        for (int round = 0; round < 500; round++) {
            // few distinct values on a grid, so the sides share values and either may lead
            double[] reference = new double[2 + random.nextInt(300)];
            double[] current = new double[2 + random.nextInt(300)];
            int grid = 1 + random.nextInt(200);
            for (int i = 0; i < reference.length; i++) {
                reference[i] = random.nextInt(grid) * 0.25 - (round % 3);
            }
            for (int i = 0; i < current.length; i++) {
                current[i] = random.nextInt(grid) * 0.25 + (round % 5) - 2;
            }
            Distribution r = Distribution.of(reference);
            Distribution c = Distribution.of(current);

            assertThat(tests.wasserstein(r, c)).isEqualTo(mergedIntegral(r, c) / Math.max(r.std(), DriftTests.MIN_STD));
        }
    }

    /** The integral of |F_r - F_c| as one step per distinct value of either side, in ascending order. */
    private static double mergedIntegral(Distribution r, Distribution c) {
        java.util.TreeSet<Double> points = new java.util.TreeSet<>();
        Arrays.stream(r.values()).forEach(points::add);
        Arrays.stream(c.values()).forEach(points::add);
        double distance = 0;
        double previous = points.first();
        double fr = 0;
        double fc = 0;
        for (double x : points) {
            distance += Math.abs(fr - fc) * (x - previous);
            fr = r.cdf(x);
            fc = c.cdf(x);
            previous = x;
        }
        return distance;
    }
}
