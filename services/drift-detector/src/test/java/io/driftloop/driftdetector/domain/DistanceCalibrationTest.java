package io.driftloop.driftdetector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.spec.DriftTest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistanceCalibrationTest {

    final DriftTests tests = new DriftTests(1);
    final DistanceCalibration calibration = new DistanceCalibration(tests);

    static double[] gaussian(int n, double mean, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double u1 = 1 - random.nextDouble();
            double u2 = random.nextDouble();
            v[i] = mean + Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
        return v;
    }

    @Test
    void windowsOfTheReferencesOwnDistributionAreFlaggedAtAboutTheChosenRate() {
        Distribution reference = Distribution.of(gaussian(1000, 0, 1));
        int below = 0;
        int trials = 400;
        for (int t = 0; t < trials; t++) {
            Distribution window = Distribution.of(gaussian(500, 0, 100 + t));
            double p = calibration.pValue(DriftTest.WASSERSTEIN, reference, 500, tests.wasserstein(reference, window));
            below += p < 0.05 ? 1 : 0;
        }
        // 5 % expected; a conservative calibration may give fewer, never many more
        assertThat(below / (double) trials).isBetween(0.0, 0.09);
    }

    @Test
    void aShiftedWindowGetsTheSmallestPValueTheResamplesAllow() {
        Distribution reference = Distribution.of(gaussian(1000, 0, 1));
        Distribution window = Distribution.of(gaussian(500, 0.5, 2));

        double p = calibration.pValue(DriftTest.WASSERSTEIN, reference, 500, tests.wasserstein(reference, window));

        assertThat(p).isEqualTo(1.0 / (1 + DistanceCalibration.RESAMPLES));
    }

    @Test
    void theSameInputsGiveTheSamePValueAndSmallerWindowsNeedLargerDistances() {
        Distribution reference = Distribution.of(gaussian(1000, 0, 1));
        DistanceCalibration other = new DistanceCalibration(new DriftTests(1));

        assertThat(calibration.pValue(DriftTest.JENSEN_SHANNON, reference, 300, 0.1))
                .isEqualTo(other.pValue(DriftTest.JENSEN_SHANNON, reference, 300, 0.1));
        // the same distance is less surprising in a small window
        assertThat(calibration.pValue(DriftTest.WASSERSTEIN, reference, 100, 0.12))
                .isGreaterThan(calibration.pValue(DriftTest.WASSERSTEIN, reference, 2000, 0.12));
    }

    @Test
    void categoricalDistancesAreCalibratedOnTheReferenceProportions() {
        Map<String, Long> reference = new LinkedHashMap<>(Map.of("a", 500L, "b", 300L, "c", 200L, "never", 0L));
        Map<String, Long> same = Map.of("a", 250L, "b", 150L, "c", 100L);
        Map<String, Long> shifted = Map.of("a", 100L, "b", 150L, "c", 250L);

        double pSame = calibration.pValue(DriftTest.JENSEN_SHANNON, reference, 1000, 500, tests.jensenShannon(reference, same));
        double pShifted = calibration.pValue(DriftTest.JENSEN_SHANNON, reference, 1000, 500,
                tests.jensenShannon(reference, shifted));

        assertThat(pSame).isGreaterThan(0.5);
        assertThat(pShifted).isEqualTo(1.0 / (1 + DistanceCalibration.RESAMPLES));
    }

    @Test
    void windowSizesAreRoundedDownToAQuarterPowerOfTwo() {
        assertThat(DistanceCalibration.sizeClass(500)).isEqualTo(430);
        assertThat(DistanceCalibration.sizeClass(512)).isEqualTo(512);
        assertThat(DistanceCalibration.sizeClass(1000)).isEqualTo(861);
        assertThat(DistanceCalibration.sizeClass(2)).isEqualTo(2);
        assertThat(DistanceCalibration.sizeClass(1_000_000)).isLessThanOrEqualTo(20_000);
    }

    @Test
    void thePValueCountsTheNullDistancesAtLeastTheObservedOne() {
        double[] sorted = {0.1, 0.2, 0.2, 0.3};
        assertThat(DistanceCalibration.pValue(sorted, 0.2)).isEqualTo(4 / 5.0);
        assertThat(DistanceCalibration.pValue(sorted, 0.25)).isEqualTo(2 / 5.0);
        assertThat(DistanceCalibration.pValue(sorted, 0.5)).isEqualTo(1 / 5.0);
        assertThat(DistanceCalibration.pValue(sorted, 0.0)).isEqualTo(1.0);
    }
}
