package io.driftloop.scorer.domain;

import io.driftloop.contracts.events.InferenceEvent;

/** A scored request: the answer for the caller and the inference event that records it. */
public record Prediction(PredictResponse response, InferenceEvent event) {

    /** Id of the inference event: the same request scored by the same version gives the same id. */
    public String eventId() {
        return "inference:" + response.model() + ":" + response.requestId() + ":v" + response.modelVersion();
    }
}
