package io.driftloop.contracts.events;

import static io.driftloop.contracts.InvalidEventException.require;

import java.time.Instant;

/**
 * A search trial saved its state, on {@code ct.training.trials.v1} (key = the trial's candidate id,
 * so a trial's records stay in order on one partition): the trial, advanced to {@code epoch}, can go
 * on from {@code checkpoint} (network, optimiser state, best parameters, early-stopping bookkeeping,
 * curve; random streams are derived from the seed and the epoch, not saved). A trainer that trains
 * the dataset again after a crash resumes each trial from its latest checkpoint. {@code kind} is
 * {@value #KIND}.
 *
 * @param eventId     unique, derived from the trial and the epoch
 * @param causationId the {@code DatasetReady} whose search the trial belongs to
 * @param model       the model
 * @param datasetId   the dataset searched on
 * @param trialId     the trial's candidate id
 * @param kind        {@value #KIND}
 * @param epoch       the epoch the trial was advanced to
 * @param checkpoint  the stored checkpoint (format {@value #FORMAT})
 * @param at          when it was saved
 */
public record TrialCheckpointed(String eventId, String causationId, String model, String datasetId, String trialId,
                                String kind, int epoch, ArtifactRef checkpoint, Instant at) {

    public static final String KIND = "checkpoint";
    public static final String FORMAT = "trial-checkpoint";

    public TrialCheckpointed validate() {
        require(eventId, "eventId");
        require(model, "model");
        require(trialId, "trialId");
        require(kind, "kind");
        require(checkpoint, "checkpoint");
        require(checkpoint.uri(), "checkpoint.uri");
        require(checkpoint.sha256(), "checkpoint.sha256");
        return this;
    }
}
