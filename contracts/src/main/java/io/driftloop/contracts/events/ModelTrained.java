package io.driftloop.contracts.events;

import static io.driftloop.contracts.InvalidEventException.require;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A candidate model was trained, on {@code ct.model.trained.v1}. {@code candidateId} is derived
 * from dataset id, spec hash, hyperparameters, seed and code version, so a replayed training yields
 * the same id. Carries the lineage the registry records. {@code trials} lists every configuration
 * fitted for the dataset with its validation figures and which was chosen, by the rule
 * {@code selection} states (both absent on events written before trials existed); {@code cut} is the
 * dataset's cut, copied from {@code DatasetReady}. {@code trialReport} references the stored
 * {@code TrialReport} of a search (every trial's configuration, rung scores and curve; absent on
 * events written before searches existed).
 */
public record ModelTrained(
        String eventId,
        String causationId,
        String model,
        String candidateId,
        String datasetId,
        ArtifactRef dataset,
        ArtifactRef profile,
        List<OffsetRange> offsets,
        String specHash,
        ArtifactRef artifact,
        Map<String, Object> hyperparameters,
        Long seed,
        String codeVersion,
        Map<String, Double> trainingMetrics,
        RetrainTrigger trigger,
        String reason,
        Instant trainedAt,
        List<TrainingTrial> trials,
        String selection,
        DatasetCut cut,
        ArtifactRef trialReport) {

    /** A candidate announced without a trial report. */
    public ModelTrained(String eventId, String causationId, String model, String candidateId, String datasetId,
                        ArtifactRef dataset, ArtifactRef profile, List<OffsetRange> offsets, String specHash,
                        ArtifactRef artifact, Map<String, Object> hyperparameters, Long seed, String codeVersion,
                        Map<String, Double> trainingMetrics, RetrainTrigger trigger, String reason, Instant trainedAt,
                        List<TrainingTrial> trials, String selection, DatasetCut cut) {
        this(eventId, causationId, model, candidateId, datasetId, dataset, profile, offsets, specHash, artifact,
                hyperparameters, seed, codeVersion, trainingMetrics, trigger, reason, trainedAt, trials, selection, cut,
                null);
    }

    /** A candidate announced without its trials. */
    public ModelTrained(String eventId, String causationId, String model, String candidateId, String datasetId,
                        ArtifactRef dataset, ArtifactRef profile, List<OffsetRange> offsets, String specHash,
                        ArtifactRef artifact, Map<String, Object> hyperparameters, Long seed, String codeVersion,
                        Map<String, Double> trainingMetrics, RetrainTrigger trigger, String reason, Instant trainedAt) {
        this(eventId, causationId, model, candidateId, datasetId, dataset, profile, offsets, specHash, artifact,
                hyperparameters, seed, codeVersion, trainingMetrics, trigger, reason, trainedAt, null, null, null);
    }

    public ModelTrained validate() {
        require(eventId, "eventId");
        require(model, "model");
        require(candidateId, "candidateId");
        require(datasetId, "datasetId");
        require(dataset, "dataset");
        require(artifact, "artifact");
        require(artifact.uri(), "artifact.uri");
        require(artifact.sha256(), "artifact.sha256");
        require(seed, "seed");
        return this;
    }
}
