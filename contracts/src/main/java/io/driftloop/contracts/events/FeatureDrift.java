package io.driftloop.contracts.events;

/**
 * Drift of one feature in one window: the test ({@code ks} or {@code chi-square}), its statistic and
 * p-value, the p-value threshold, and the sample sizes of the reference and of the window.
 */
public record FeatureDrift(
        String feature,
        String test,
        double statistic,
        double pValue,
        double threshold,
        boolean drifted,
        int referenceSize,
        int sampleSize) {
}
