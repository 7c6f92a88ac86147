package io.driftloop.contracts.dataset;

import java.util.Map;

/** One labelled example of a dataset, with the split it belongs to and its source offset. */
public record DatasetRow(
        String requestId,
        int partition,
        long offset,
        Split split,
        Map<String, Object> features,
        Map<String, String> attributes,
        int label) {
}
