package io.driftloop.contracts.events;

import static io.driftloop.contracts.InvalidEventException.check;
import static io.driftloop.contracts.InvalidEventException.require;

import java.time.Instant;
import java.util.Map;

/**
 * One production prediction, on {@code ct.inference.v1}. {@code features} are model inputs (numbers
 * or strings); {@code attributes} are context never fed to the model, kept for fairness and
 * slicing. {@code modelVersion}, {@code prediction} and {@code score} are absent before a first
 * model exists.
 */
public record InferenceEvent(
        String model,
        String requestId,
        Instant timestamp,
        Integer modelVersion,
        Map<String, Object> features,
        Map<String, String> attributes,
        Integer prediction,
        Double score) {

    public InferenceEvent {
        attributes = attributes == null ? Map.of() : attributes;
    }

    /** Checks the required fields; returns this event or throws naming the bad field. */
    public InferenceEvent validate() {
        require(model, "model");
        require(requestId, "requestId");
        require(timestamp, "timestamp");
        require(features, "features");
        check(!features.isEmpty(), "features", "must not be empty");
        // runs for every event read: a message is built only for a value that fails its check
        features.forEach(InferenceEvent::checkFeature);
        if (score != null && !(score >= 0 && score <= 1)) {
            check(false, "score", "must be within [0, 1], was " + score);
        }
        return this;
    }

    private static void checkFeature(String name, Object value) {
        if (!(value instanceof Number || value instanceof String)) {
            check(false, "features." + name, "must be a number or a string, was " + value);
        }
    }
}
