package io.driftloop.contracts.events;

import static io.driftloop.contracts.InvalidEventException.require;

import java.time.Instant;
import java.util.Map;

/**
 * An inference joined with its feedback, on {@code ct.examples.v1} (key = model name). Datasets are
 * exact offset ranges of that topic. {@code timestamp} is the inference time. {@code modelVersion},
 * {@code prediction} and {@code score} are the inference's (absent when no model served it, and in
 * examples written before they were carried): with the label they make the model's error stream.
 */
public record LabelledExample(
        String model,
        String requestId,
        Instant timestamp,
        Map<String, Object> features,
        Map<String, String> attributes,
        int label,
        Integer modelVersion,
        Integer prediction,
        Double score) {

    public LabelledExample {
        attributes = attributes == null ? Map.of() : attributes;
    }

    /** An example of an inference that no model served. */
    public LabelledExample(String model, String requestId, Instant timestamp, Map<String, Object> features,
                           Map<String, String> attributes, int label) {
        this(model, requestId, timestamp, features, attributes, label, null, null, null);
    }

    public LabelledExample validate() {
        require(model, "model");
        require(requestId, "requestId");
        require(timestamp, "timestamp");
        require(features, "features");
        return this;
    }
}
