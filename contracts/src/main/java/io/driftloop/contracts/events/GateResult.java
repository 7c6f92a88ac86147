package io.driftloop.contracts.events;

/**
 * The verdict of one gate: which metric, its value, the threshold it was held to, and a sentence
 * saying why it passed or failed.
 *
 * @param gate       the gate's name, e.g. {@code minimum.accuracy}, {@code non-inferiority.rocAuc},
 *                   {@code fairness.demographic-parity-difference.gender}
 * @param metric     the metric held
 * @param value      the value compared with the threshold: the metric itself for absolute and fairness
 *                   gates, candidate − champion (or − baseline) for comparative ones
 * @param threshold  the threshold (for comparative gates −margin or +margin)
 * @param passed     whether the gate passed
 * @param detail     one sentence with the figures
 * @param kind       minimum, maximum, non-inferiority, superiority, beats-baseline, fairness, or a
 *                   failure kind (dataset, test-split, candidate-artifact, champion-comparison)
 * @param lower      lower end of the value's confidence interval (absent when none was computed)
 * @param upper      upper end of the value's confidence interval
 * @param confidence the interval's two-sided confidence
 * @param pValue     a test's p-value where one applies (McNemar's test for accuracy against the champion)
 * @param undecidable true when the figure could not be measured on these test rows (too few rows in a
 *                   group, one class only, no test rows): the gate did not pass, but it did not judge the
 *                   candidate either; absent (null) on gates that were decided and on older events
 */
public record GateResult(
        String gate, String metric, double value, double threshold, boolean passed, String detail,
        String kind, Double lower, Double upper, Double confidence, Double pValue, Boolean undecidable) {

    /** A decided gate. */
    public GateResult(String gate, String metric, double value, double threshold, boolean passed, String detail,
                      String kind, Double lower, Double upper, Double confidence, Double pValue) {
        this(gate, metric, value, threshold, passed, detail, kind, lower, upper, confidence, pValue, null);
    }

    /** Whether the gate could not be measured on the rows there were. */
    public boolean notDecided() {
        return Boolean.TRUE.equals(undecidable);
    }

    /** A gate without an interval. */
    public GateResult(String gate, String metric, double value, double threshold, boolean passed, String detail) {
        this(gate, metric, value, threshold, passed, detail, null, null, null, null, null);
    }
}
