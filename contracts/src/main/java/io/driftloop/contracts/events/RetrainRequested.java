package io.driftloop.contracts.events;

import static io.driftloop.contracts.InvalidEventException.check;
import static io.driftloop.contracts.InvalidEventException.require;

import java.time.Instant;

/**
 * A request to build a dataset and train a candidate, on {@code ct.retrain.requested.v1}. The
 * dataset is cut from labelled examples whose inference time is at or after {@code dataSince}
 * (all examples when null), and is built once at least {@code minExamples} such examples exist.
 */
public record RetrainRequested(
        String eventId,
        String causationId,
        String model,
        RetrainTrigger trigger,
        String reason,
        Instant dataSince,
        int minExamples,
        Instant requestedAt) {

    public RetrainRequested validate() {
        require(eventId, "eventId");
        require(model, "model");
        require(trigger, "trigger");
        require(requestedAt, "requestedAt");
        check(minExamples > 0, "minExamples", "must be positive, was " + minExamples);
        return this;
    }
}
