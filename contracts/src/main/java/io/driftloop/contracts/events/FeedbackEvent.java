package io.driftloop.contracts.events;

import static io.driftloop.contracts.InvalidEventException.require;

import java.time.Instant;

/** Ground truth for an earlier request, on {@code ct.feedback.v1}. For binary tasks {@code label} is 0 or 1. */
public record FeedbackEvent(String model, String requestId, Integer label, Instant timestamp) {

    public FeedbackEvent validate() {
        require(model, "model");
        require(requestId, "requestId");
        require(label, "label");
        require(timestamp, "timestamp");
        return this;
    }
}
