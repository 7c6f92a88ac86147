package io.driftloop.contracts.events;

/**
 * Drift of one feature in one window.
 *
 * <p>{@code kind} says how {@code drifted} was decided. For {@code p-value} tests ({@code ks},
 * {@code chi-square}) {@code statistic} is the test statistic, {@code pValue} the raw p-value,
 * {@code adjustedPValue} the p-value after the window's multiple-testing correction, and the feature
 * drifted when the adjusted p-value is below {@code threshold}. For {@code distance} tests
 * ({@code wasserstein}, {@code jensenshannon}, {@code psi}) {@code statistic} is the distance, both
 * p-values are absent, and the feature drifted when the distance is at least {@code threshold}.
 * {@code referenceSize} and {@code sampleSize} are the numbers of values compared on each side;
 * {@code weight} is the feature's weight in the window's share of drifted features.
 *
 * <p>{@code histogram} is the reference's distribution beside the window's, in the same bins
 * ({@link Histogram}); the drift-detector sets it on the features of inference windows and on the
 * {@code label} entry of label windows, not on {@code prediction}.
 *
 * <p>Events written before distances existed carry neither {@code kind} nor {@code weight}: they are
 * p-value tests of weight 1; events written before the correction existed carry no
 * {@code adjustedPValue}; events written before histograms existed carry no {@code histogram}.
 */
public record FeatureDrift(
        String feature,
        String test,
        double statistic,
        Double pValue,
        double threshold,
        boolean drifted,
        int referenceSize,
        int sampleSize,
        Double adjustedPValue,
        String kind,
        Double weight,
        Histogram histogram) {

    /** Drift of a feature without a histogram. */
    public FeatureDrift(String feature, String test, double statistic, Double pValue, double threshold,
                        boolean drifted, int referenceSize, int sampleSize, Double adjustedPValue, String kind,
                        Double weight) {
        this(feature, test, statistic, pValue, threshold, drifted, referenceSize, sampleSize, adjustedPValue, kind,
                weight, null);
    }

    /** This result with {@code histogram}. */
    public FeatureDrift withHistogram(Histogram histogram) {
        return new FeatureDrift(feature, test, statistic, pValue, threshold, drifted, referenceSize, sampleSize,
                adjustedPValue, kind, weight, histogram);
    }

    /** {@link #kind()} of KS and chi-square. */
    public static final String P_VALUE = "p-value";
    /** {@link #kind()} of Wasserstein, Jensen–Shannon and PSI. */
    public static final String DISTANCE = "distance";
}
