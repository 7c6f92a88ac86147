package io.driftloop.contracts.events;

import static io.driftloop.contracts.InvalidEventException.require;

import java.time.Instant;
import java.util.Map;

/**
 * An inference joined with its feedback, on {@code ct.examples.v1} (key = model name). Datasets are
 * exact offset ranges of that topic. {@code timestamp} is the inference time.
 */
public record LabelledExample(
        String model,
        String requestId,
        Instant timestamp,
        Map<String, Object> features,
        Map<String, String> attributes,
        int label) {

    public LabelledExample {
        attributes = attributes == null ? Map.of() : attributes;
    }

    public LabelledExample validate() {
        require(model, "model");
        require(requestId, "requestId");
        require(timestamp, "timestamp");
        require(features, "features");
        return this;
    }
}
