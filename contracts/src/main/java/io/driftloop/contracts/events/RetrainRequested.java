package io.driftloop.contracts.events;

import static io.driftloop.contracts.InvalidEventException.check;
import static io.driftloop.contracts.InvalidEventException.require;

import java.time.Instant;

/**
 * A request to build a dataset and train a candidate, on {@code ct.retrain.requested.v1}. The
 * dataset is cut from labelled examples whose inference time is at or after {@code dataSince}
 * (all examples when null), and is built once at least {@code minExamples} such examples exist.
 * {@code attempt} counts the requests made for one trigger (1, the default when absent, for the
 * first); a later attempt follows a failed or undecidable verdict on the one before, and
 * {@code firstAttemptId} names the first request of the series.
 */
public record RetrainRequested(
        String eventId,
        String causationId,
        String model,
        RetrainTrigger trigger,
        String reason,
        Instant dataSince,
        int minExamples,
        Instant requestedAt,
        Integer attempt,
        String firstAttemptId) {

    /** A first attempt. */
    public RetrainRequested(String eventId, String causationId, String model, RetrainTrigger trigger, String reason,
                            Instant dataSince, int minExamples, Instant requestedAt) {
        this(eventId, causationId, model, trigger, reason, dataSince, minExamples, requestedAt, null, null);
    }

    /** Which attempt this is, 1 for the first. */
    public int attemptNumber() {
        return attempt == null ? 1 : attempt;
    }

    /** The id of the first request of this series: its own id for a first attempt. */
    public String series() {
        return firstAttemptId == null ? eventId : firstAttemptId;
    }

    public RetrainRequested validate() {
        require(eventId, "eventId");
        require(model, "model");
        require(trigger, "trigger");
        require(requestedAt, "requestedAt");
        check(minExamples > 0, "minExamples", "must be positive, was " + minExamples);
        check(attempt == null || attempt >= 1, "attempt", "must be at least 1, was " + attempt);
        return this;
    }
}
