package io.driftloop.contracts.dataset;

import java.util.Arrays;

/**
 * Reference distribution of one numeric feature: a sorted, evenly spaced sample of the training
 * values (at most the spec's {@code referenceSampleSize}), with the full count, mean and standard
 * deviation.
 */
public record NumericProfile(long count, double mean, double std, double[] sample) {

    /**
     * The profile of {@code sorted} (ascending): count, mean, sample standard deviation (n − 1), and
     * all values or, above {@code cap}, {@code cap} of them taken at even ranks (the middle of each
     * of {@code cap} equal slices), so the sample keeps the distribution's shape.
     */
    public static NumericProfile of(double[] sorted, int cap) {
        int n = sorted.length;
        double mean = Arrays.stream(sorted).average().orElse(0);
        double var = n < 2 ? 0 : Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).sum() / (n - 1);
        double[] sample = sorted;
        if (n > cap) {
            sample = new double[cap];
            for (int i = 0; i < cap; i++) {
                sample[i] = sorted[(int) ((i + 0.5) * n / cap)];
            }
        }
        return new NumericProfile(n, mean, Math.sqrt(var), sample);
    }
}
