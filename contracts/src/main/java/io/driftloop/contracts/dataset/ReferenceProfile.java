package io.driftloop.contracts.dataset;

import java.util.Map;

/**
 * What the training data of a model looked like, built once with the dataset: the drift-detector
 * compares production windows with it and never rescans training data. Categorical features keep
 * counts per value.
 */
public record ReferenceProfile(
        String model,
        String datasetId,
        long rows,
        Map<String, NumericProfile> numeric,
        Map<String, Map<String, Long>> categorical) {

    public static final String FORMAT = "driftloop-profile";
}
