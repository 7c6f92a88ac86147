package io.driftloop.contracts.dataset;

import java.util.Map;

/**
 * One labelled example of a dataset, with the split it belongs to and its source offset, and its
 * weight in training and validation losses ({@code recency-weighted} datasets; null: 1).
 */
public record DatasetRow(
        String requestId,
        int partition,
        long offset,
        Split split,
        Map<String, Object> features,
        Map<String, String> attributes,
        int label,
        Double weight) {

    /** An unweighted row. */
    public DatasetRow(String requestId, int partition, long offset, Split split, Map<String, Object> features,
                      Map<String, String> attributes, int label) {
        this(requestId, partition, offset, split, features, attributes, label, null);
    }

    /** The row's weight: 1 when it has none. */
    public double weightOrOne() {
        return weight == null ? 1.0 : weight;
    }
}
