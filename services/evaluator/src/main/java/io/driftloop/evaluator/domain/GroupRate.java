package io.driftloop.evaluator.domain;

/**
 * One group of a sensitive attribute: how many rows it has, how many were predicted positive, and
 * whether it is large enough to be held to the fairness gate.
 */
public record GroupRate(String group, int rows, int positivePredictions, boolean gated) {

    /** Share of the group's rows predicted positive, in [0, 1]. */
    public double rate() {
        return rows == 0 ? 0 : positivePredictions / (double) rows;
    }
}
