package io.driftloop.trainer.domain;

import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.dataset.Dataset;
import io.driftloop.contracts.dataset.DatasetRow;
import io.driftloop.contracts.dataset.Split;
import io.driftloop.contracts.model.FeatureEncoding;
import io.driftloop.contracts.model.ModelArtifact;
import io.driftloop.contracts.spec.ModelSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a dataset snapshot and a spec into a candidate: fits the feature encoding on the training
 * split, has the {@link Learner} fit the network with early stopping on the validation split, and
 * names the result ({@link CandidateId}). Thread-safe if the learner is.
 */
public final class CandidateTrainer {

    private final Learner learner;
    private final Clock clock;
    private final String codeVersion;

    public CandidateTrainer(Learner learner, Clock clock, String codeVersion) {
        this.learner = learner;
        this.clock = clock;
        this.codeVersion = codeVersion;
    }

    public String codeVersion() {
        return codeVersion;
    }

    /** The id the candidate of this dataset and spec will have, known before any training. */
    public String candidateId(ModelSpec spec, String specHash, String datasetId) {
        return CandidateId.of(datasetId, specHash, Hyperparameters.of(spec.training()), codeVersion);
    }

    /**
     * Trains the candidate of {@code dataset} (named {@code datasetId}) under {@code spec} (hashed
     * {@code specHash}); throws {@link InvalidEventException} when the dataset cannot be trained on.
     */
    public Candidate train(ModelSpec spec, String specHash, String datasetId, Dataset dataset, EpochListener listener) {
        if (dataset.model() != null && !dataset.model().equals(spec.name())) {
            throw new InvalidEventException("dataset " + datasetId + " belongs to model '" + dataset.model()
                    + "', not '" + spec.name() + "'");
        }
        List<DatasetRow> trainRows = dataset.split(Split.TRAIN);
        if (trainRows.isEmpty()) {
            throw new InvalidEventException("dataset " + datasetId + " has no rows in its train split: nothing to train on");
        }
        List<DatasetRow> validationRows = dataset.split(Split.VALIDATION);
        Hyperparameters hp = Hyperparameters.of(spec.training());
        String candidateId = CandidateId.of(datasetId, specHash, hp, codeVersion);

        FeatureEncoding encoding = FeatureEncoding.fit(spec, trainRows.stream().map(DatasetRow::features).toList());
        Examples validation = Examples.encode(encoding, validationRows);
        TrainingData data = new TrainingData(Examples.encode(encoding, trainRows), validation);

        Instant start = clock.instant();
        TrainedModel model = learner.fit(data, hp, listener);
        Duration took = Duration.between(start, clock.instant());

        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("trainLoss", model.trainLoss());
        if (model.validationLoss() != null) {
            metrics.put("validationLoss", model.validationLoss());
            metrics.put("validationAccuracy", accuracy(model.validationScores(), validation.labels()));
        }
        metrics.put("bestEpoch", (double) model.bestEpoch());
        metrics.put("epochs", (double) model.epochsRun());
        metrics.put("trainRows", (double) data.train().rows());
        metrics.put("validationRows", (double) validation.rows());
        metrics.put("seconds", took.toNanos() / 1e9);

        return new Candidate(candidateId, specHash,
                new ModelArtifact(spec.name(), candidateId, encoding, model.network()),
                hp.asMap(model.epochsRun(), model.bestEpoch()), hp.seed(), metrics);
    }

    /** Share of rows whose P(label = 1) ≥ 0.5 agrees with the label; NaN for no rows. */
    public static double accuracy(float[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + labels.length + " labels");
        }
        if (labels.length == 0) {
            return Double.NaN;
        }
        int hits = 0;
        for (int i = 0; i < labels.length; i++) {
            if ((scores[i] >= 0.5f ? 1 : 0) == labels[i]) {
                hits++;
            }
        }
        return hits / (double) labels.length;
    }
}
