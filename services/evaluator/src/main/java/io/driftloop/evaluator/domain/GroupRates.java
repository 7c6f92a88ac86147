package io.driftloop.evaluator.domain;

/**
 * One group of a sensitive attribute on the test rows: its size, whether it is gated (at least the
 * minimum group size), its confusion counts and rates (null when the group has no row the rate is
 * a share of).
 */
public record GroupRates(String group, int rows, boolean gated, long positives, long predictedPositive,
                         Double selectionRate, Double truePositiveRate, Double falsePositiveRate) {
}
