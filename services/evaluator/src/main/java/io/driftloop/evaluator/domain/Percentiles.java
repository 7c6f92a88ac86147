package io.driftloop.evaluator.domain;

import java.util.Arrays;

/**
 * Bootstrap percentile intervals: the α/2 and 1 − α/2 quantiles (α = 1 − confidence) of the
 * resampled values, interpolated linearly between order statistics as NumPy's default
 * {@code quantile} does. Resamples where the figure is undefined (NaN) are left out.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /** {lower, upper}, or null when no resample gave a defined value. */
    public static double[] interval(double[] values, double confidence) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return null;
        }
        double alpha = 1 - confidence;
        return new double[] {quantile(v, alpha / 2), quantile(v, 1 - alpha / 2)};
    }

    /** Quantile q of sorted values, linear interpolation between closest ranks. */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
