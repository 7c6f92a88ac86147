package io.driftloop.driftdetector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void aSampleWeighsEachValueOnceAndMergesTies() {
        Distribution d = Distribution.of(new double[] {3, 1, 2, 2});

        assertThat(d.n()).isEqualTo(4);
        assertThat(d.distinct()).isEqualTo(3);
        assertThat(d.cdf(0.5)).isZero();
        assertThat(d.cdf(2)).isEqualTo(0.75);
        assertThat(d.cdf(3)).isEqualTo(1.0);
        assertThat(d.exact()).isTrue();
    }

    @Test
    void meanStdAndQuantilesAreNumpysDefaults() {
        Distribution d = Distribution.of(new double[] {1, 2, 3, 4, 10});

        assertThat(d.mean()).isEqualTo(4.0);
        // numpy.std (ddof 0): sqrt(((9 + 4 + 1 + 0 + 36) / 5))
        assertThat(d.std()).isCloseTo(Math.sqrt(10), within(1e-12));
        // numpy.quantile(linear): position (n - 1) p
        assertThat(d.quantile(0.5)).isEqualTo(3.0);
        assertThat(d.quantile(0.9)).isCloseTo(4 + 0.6 * 6, within(1e-12));
        assertThat(d.quantile(0)).isEqualTo(1.0);
        assertThat(d.quantile(1)).isEqualTo(10.0);
    }

    @Test
    void theSampleIsNotModifiedAndNaNIsRefused() {
        double[] sample = {3, 1, 2};
        Distribution.of(sample);
        assertThat(sample).containsExactly(3, 1, 2);
        assertThatThrownBy(() -> Distribution.of(new double[] {1, Double.NaN})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKllSketchThatHoldsAllItsValuesIsExactAndEqualsTheSample() {
        double[] sample = Fixtures.normal(5, 150, 0, 1);
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(200);
        for (double v : sample) {
            sketch.update(v);
        }

        Distribution sketched = Distribution.of(sketch);
        Distribution exact = Distribution.of(sample);
        DriftTests tests = new DriftTests();
        Distribution reference = Distribution.of(Fixtures.normal(6, 300, 0.2, 1));

        assertThat(sketched.exact()).isTrue();
        assertThat(sketched.n()).isEqualTo(150);
        assertThat(tests.ks(reference, sketched)).isEqualTo(tests.ks(reference, exact));
        assertThat(tests.wasserstein(reference, sketched)).isEqualTo(tests.wasserstein(reference, exact));
        assertThat(sketched.std()).isCloseTo(exact.std(), within(1e-12));
    }

    @Test
    void aCompactedKllSketchKeepsItsCountAndItsKsStatisticStaysWithinTheRankError() {
        double[] sample = Fixtures.normal(7, 50_000, 0, 1);
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(200);
        for (double v : sample) {
            sketch.update(v);
        }
        Distribution reference = Distribution.of(Fixtures.normal(8, 2000, 0.1, 1));

        Distribution sketched = Distribution.of(sketch);
        double exact = DriftTests.ksStatistic(reference, Distribution.of(sample));
        double approximate = DriftTests.ksStatistic(reference, sketched);

        assertThat(sketched.n()).isEqualTo(50_000);
        assertThat(sketched.exact()).isFalse();
        assertThat(sketched.rankError()).isEqualTo(sketch.getNormalizedRankError(false)).isPositive();
        assertThat(Math.abs(approximate - exact)).isLessThanOrEqualTo(DriftTests.ksStatisticError(reference, sketched));
        assertThat(new DriftTests().ks(reference, sketched).pValue()).isLessThan(0.05);
    }

    @Test
    void anEmptySketchIsAnEmptyDistribution() {
        Distribution empty = Distribution.of(KllDoublesSketch.newHeapInstance());

        assertThat(empty.n()).isZero();
        assertThat(empty.cdf(1)).isZero();
        assertThatThrownBy(() -> new DriftTests().wasserstein(empty, Distribution.of(new double[] {1})))
                .hasMessageContaining("values on both sides");
    }

    @Test
    void anUnsortedSampleGivesTheDistributionOfItsSortedCopy() {
        double[] unsorted = {2.5, -1, 0.0, 7, -0.0, 2.5, 3};
        double[] sorted = unsorted.clone();
        java.util.Arrays.sort(sorted);

        Distribution a = Distribution.of(unsorted);
        Distribution b = Distribution.of(sorted);

        assertThat(a.values()).containsExactly(b.values());
        assertThat(a.cumulative()).containsExactly(b.cumulative());
        assertThat(a.values()).containsExactly(-1, -0.0, 2.5, 3, 7);
        assertThat(a.cumulative()).containsExactly(1, 3, 5, 6, 7);
    }

    @Test
    void aSketchInEstimationModeGivesDistinctValuesWithPositiveWeightsSummingToItsCount() {
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(8);
        java.util.Random random = new java.util.Random(9);
        for (int i = 0; i < 5_000; i++) {
            sketch.update(Math.floor(random.nextGaussian() * 20));
        }

        Distribution d = Distribution.of(sketch);

        assertThat(sketch.isEstimationMode()).isTrue();
        assertThat(d.n()).isEqualTo(5_000);
        for (int i = 1; i < d.distinct(); i++) {
            assertThat(d.value(i)).isGreaterThan(d.value(i - 1));
            assertThat(d.cumulativeWeight(i)).isGreaterThan(d.cumulativeWeight(i - 1));
        }
        assertThat(d.cumulativeWeight(0)).isPositive();
        for (int i = 0; i < d.distinct(); i++) {
            assertThat(d.cdf(d.value(i))).isEqualTo(sketch.getRank(d.value(i),
                    org.apache.datasketches.quantilescommon.QuantileSearchCriteria.INCLUSIVE), within(1e-12));
        }
    }

    @Test
    void standardDeviationAndQuantileBinsAreKeptOnceComputed() {
        Distribution d = Distribution.of(Fixtures.normal(4, 2000, 0, 1));

        assertThat(d.std()).isEqualTo(d.std());
        assertThat(d.quantileBinEdges(DriftTests.BINS)).isSameAs(d.quantileBinEdges(DriftTests.BINS));
        assertThat(d.quantileBinEdges(10)).hasSize(9);
        assertThat(d.quantileBinEdges(DriftTests.BINS)).hasSize(DriftTests.BINS - 1)
                .startsWith(d.quantile(1.0 / DriftTests.BINS));
        assertThat(d.cdfAtValues()).isSameAs(d.cdfAtValues()).endsWith(1.0);
    }
}
