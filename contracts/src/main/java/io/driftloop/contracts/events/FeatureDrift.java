package io.driftloop.contracts.events;

/**
 * Drift of one feature in one window: the test ({@code ks} or {@code chi-square}), its statistic and
 * raw p-value, the p-value threshold, and the sample sizes of the reference and of the window.
 * {@code adjustedPValue} is the p-value after the window's multiple-testing correction (absent in
 * events written before the correction existed); {@code drifted} compares it with the threshold.
 */
public record FeatureDrift(
        String feature,
        String test,
        double statistic,
        double pValue,
        double threshold,
        boolean drifted,
        int referenceSize,
        int sampleSize,
        Double adjustedPValue) {
}
