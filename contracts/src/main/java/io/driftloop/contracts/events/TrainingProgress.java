package io.driftloop.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * One finished epoch of a training trial, on {@code ct.training.progress.v1}, keyed by model;
 * {@code candidateId} names the trial. {@code validationAccuracy} and {@code layers} (per-layer
 * norms and dead units) are absent on events written before they existed.
 */
public record TrainingProgress(
        String eventId,
        String causationId,
        String model,
        String candidateId,
        int epoch,
        int maxEpochs,
        double trainLoss,
        Double validationLoss,
        Instant at,
        Double validationAccuracy,
        List<LayerDiagnostics> layers) {

    /** An epoch without accuracy and diagnostics. */
    public TrainingProgress(String eventId, String causationId, String model, String candidateId, int epoch,
                            int maxEpochs, double trainLoss, Double validationLoss, Instant at) {
        this(eventId, causationId, model, candidateId, epoch, maxEpochs, trainLoss, validationLoss, at, null, null);
    }
}
