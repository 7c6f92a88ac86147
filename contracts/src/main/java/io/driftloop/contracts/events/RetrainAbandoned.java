package io.driftloop.contracts.events;

import static io.driftloop.contracts.InvalidEventException.require;

import java.time.Instant;

/**
 * The trigger gave up on a series of retrain attempts, on {@code ct.retrain.abandoned.v1}: every one of
 * {@code attempts} requests ended in a verdict that did not pass, the last in {@code verdict}
 * ({@code failed} or {@code undecidable}). The drift-detector's cooldown starts at that verdict.
 *
 * @param causationId    the last verdict's event id
 * @param firstAttemptId the first request of the series
 * @param reason         the explanation, naming the last verdict's summary
 */
public record RetrainAbandoned(String eventId, String causationId, String model, RetrainTrigger trigger,
                               String firstAttemptId, int attempts, String verdict, String reason,
                               Instant abandonedAt) {

    public RetrainAbandoned validate() {
        require(eventId, "eventId");
        require(model, "model");
        require(firstAttemptId, "firstAttemptId");
        require(abandonedAt, "abandonedAt");
        return this;
    }
}
