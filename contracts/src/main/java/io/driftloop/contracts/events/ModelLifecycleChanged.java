package io.driftloop.contracts.events;

import java.time.Instant;

/**
 * One change of a model version's stage, on {@code ct.model.lifecycle.v1} (key = model name): the
 * registry's event log, replayed on start to rebuild its state. {@code trained} is set when a
 * candidate is first recorded (its lineage), {@code evaluation} when its verdict arrives.
 */
public record ModelLifecycleChanged(
        String eventId,
        String causationId,
        String model,
        int version,
        String candidateId,
        LifecycleStage stage,
        String reason,
        Instant at,
        ModelTrained trained,
        ModelEvaluated evaluation) {
}
