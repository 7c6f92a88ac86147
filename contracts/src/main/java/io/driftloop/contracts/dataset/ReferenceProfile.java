package io.driftloop.contracts.dataset;

import java.util.Map;

/**
 * What the training data of a model looked like, built once with the dataset: the drift-detector
 * compares production windows with it and never rescans training data. Categorical features keep
 * counts per value; {@code labels} counts the training labels (the prior the label stream is
 * compared with; absent in profiles written before it was kept).
 */
public record ReferenceProfile(
        String model,
        String datasetId,
        long rows,
        Map<String, NumericProfile> numeric,
        Map<String, Map<String, Long>> categorical,
        Map<String, Long> labels) {

    public static final String FORMAT = "driftloop-profile";

    /** A profile without label counts. */
    public ReferenceProfile(String model, String datasetId, long rows, Map<String, NumericProfile> numeric,
                            Map<String, Map<String, Long>> categorical) {
        this(model, datasetId, rows, numeric, categorical, null);
    }
}
