package io.driftloop.evaluator.domain;

/**
 * The candidate's metrics on the test rows with one value of an attribute or categorical feature;
 * {@code metrics} is null when the slice has fewer rows than the minimum slice size.
 */
public record Slice(String dimension, String value, int rows, MetricSet metrics) {
}
