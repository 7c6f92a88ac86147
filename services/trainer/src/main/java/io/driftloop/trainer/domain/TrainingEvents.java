package io.driftloop.trainer.domain;

import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.events.TrainingProgress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The events a training run emits, with deterministic ids so a replayed run is recognisable:
 * {@code ModelTrained.eventId} is derived from the candidate id, a progress event's from the
 * candidate id and the epoch. Lineage (dataset, profile, offsets, trigger, reason) is copied from
 * the {@link DatasetReady} that caused the run.
 */
public final class TrainingEvents {

    private TrainingEvents() {
    }

    public static String trainedEventId(String candidateId) {
        return UUID.nameUUIDFromBytes(candidateId.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static String progressEventId(String candidateId, int epoch) {
        return UUID.nameUUIDFromBytes((candidateId + "/epoch/" + epoch).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static TrainingProgress progress(DatasetReady cause, String candidateId, EpochReport epoch, Instant at) {
        return new TrainingProgress(progressEventId(candidateId, epoch.epoch()), cause.eventId(), cause.model(),
                candidateId, epoch.epoch(), epoch.maxEpochs(), epoch.trainLoss(), epoch.validationLoss(), at,
                epoch.validationAccuracy(), epoch.layers().isEmpty() ? null : epoch.layers());
    }

    /** The announcement of {@code candidate}, its network at {@code artifact} and its trial report at {@code report} (may be null). */
    public static ModelTrained trained(DatasetReady cause, Candidate candidate, ArtifactRef artifact, ArtifactRef report,
                                       String codeVersion, Instant at) {
        return new ModelTrained(trainedEventId(candidate.candidateId()), cause.eventId(), cause.model(),
                candidate.candidateId(), cause.datasetId(), cause.dataset(), cause.profile(), cause.offsets(),
                candidate.specHash(), artifact, candidate.hyperparameters(), candidate.seed(), codeVersion,
                candidate.metrics(), cause.trigger(), cause.reason(), at,
                candidate.trials().isEmpty() ? null : candidate.trials(), candidate.selection(), cause.cut(), report);
    }
}
