package io.driftloop.evaluator.domain;

/**
 * A figure and its bootstrap percentile interval. A null value means undefined on these rows (e.g.
 * ROC-AUC with one class); null ends mean no interval (no resample where the figure was defined).
 */
public record Estimate(Double value, Double lower, Double upper) {

    static Estimate of(double value, double[] interval) {
        return new Estimate(Double.isNaN(value) ? null : value,
                interval == null ? null : interval[0], interval == null ? null : interval[1]);
    }

    /** The value, NaN when undefined. */
    public double point() {
        return value == null ? Double.NaN : value;
    }

    /** The interval's lower end, NaN when there is none. */
    public double low() {
        return lower == null ? Double.NaN : lower;
    }

    /** The interval's upper end, NaN when there is none. */
    public double high() {
        return upper == null ? Double.NaN : upper;
    }

    /** The same figure with the sign flipped (interval ends swapped), for metrics where lower is better. */
    Estimate negated() {
        return new Estimate(value == null ? null : -value, upper == null ? null : -upper, lower == null ? null : -lower);
    }
}
