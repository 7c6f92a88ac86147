package io.driftloop.contracts.dataset;

/**
 * Reference distribution of one numeric feature: a sorted, evenly spaced sample of the training
 * values (at most the spec's {@code referenceSampleSize}), with the full count, mean and standard
 * deviation.
 */
public record NumericProfile(long count, double mean, double std, double[] sample) {
}
