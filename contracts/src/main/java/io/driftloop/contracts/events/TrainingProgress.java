package io.driftloop.contracts.events;

import java.time.Instant;

/** One finished epoch of a training run, on {@code ct.training.progress.v1}. */
public record TrainingProgress(
        String eventId,
        String causationId,
        String model,
        String candidateId,
        int epoch,
        int maxEpochs,
        double trainLoss,
        Double validationLoss,
        Instant at) {
}
