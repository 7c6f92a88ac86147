package io.driftloop.trainer.domain;

import io.driftloop.contracts.model.ModelArtifact;
import io.driftloop.contracts.model.TrialReport;
import io.driftloop.contracts.events.TrainingTrial;
import java.util.List;
import java.util.Map;

/**
 * A trained candidate before it is stored and announced.
 *
 * @param candidateId     see {@link CandidateId}
 * @param specHash        hash of the spec it was trained with
 * @param artifact        model, candidate id, feature encoding and network
 * @param hyperparameters configured values plus {@code epochsRun} and {@code bestEpoch}
 * @param seed            the run's seed
 * @param metrics         {@code trainLoss, validationLoss, validationAccuracy, bestEpoch, epochs,
 *                        trainRows, validationRows, seconds} (validation figures absent without validation rows)
 * @param trials          every configuration fitted for the dataset, this one marked chosen
 * @param selection       the rule that chose it
 * @param report          the search's trial report, null for a candidate that was the only trial
 */
public record Candidate(String candidateId, String specHash, ModelArtifact artifact, Map<String, Object> hyperparameters,
                        long seed, Map<String, Double> metrics, List<TrainingTrial> trials, String selection,
                        TrialReport report) {

    /** A candidate that was the only trial. */
    public Candidate(String candidateId, String specHash, ModelArtifact artifact, Map<String, Object> hyperparameters,
                     long seed, Map<String, Double> metrics) {
        this(candidateId, specHash, artifact, hyperparameters, seed, metrics, List.of(), null, null);
    }
}
