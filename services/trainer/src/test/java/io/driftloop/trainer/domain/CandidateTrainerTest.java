package io.driftloop.trainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.dataset.Dataset;
import io.driftloop.contracts.dataset.DatasetRow;
import io.driftloop.contracts.dataset.Split;
import io.driftloop.contracts.model.FeatureEncoding;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.driftloop.contracts.events.TrainingTrial;
import org.junit.jupiter.api.Test;

/** The orchestration around the learner, with a learner that records what it was given. */
class CandidateTrainerTest {

    static final ModelSpec SPEC = ModelSpecs.parse("""
            name: churn
            task: binary-classification
            features:
              - {name: x, type: numeric}
              - {name: c, type: categorical, values: [a, b]}
            training: {hiddenLayers: [4], maxEpochs: 9, patience: 2, batchSize: 16, learningRate: 0.05, seed: 11}
            """);
    static final String SPEC_HASH = ModelSpecs.hash(SPEC);
    static final String DATASET_ID = "sha256:" + "a".repeat(64);

    /** Returns a fixed result: best epoch 3 of 5, validation scores as given. */
    static final class RecordingLearner implements Learner {
        final List<TrainingData> data = new ArrayList<>();
        final List<Hyperparameters> hyperparameters = new ArrayList<>();
        final List<byte[]> startedFrom = new ArrayList<>();
        float[] scores = new float[0];
        double warmLoss = 0.40;

        @Override
        public TrainedModel fineTune(TrainingData d, byte[] network, Hyperparameters hp, EpochListener listener) {
            data.add(d);
            hyperparameters.add(hp);
            startedFrom.add(network);
            listener.onEpoch(new EpochReport(1, hp.maxEpochs(), 0.5, warmLoss, true));
            return new TrainedModel(new byte[] {9, 9}, 2, 1, 0.3, d.validation().isEmpty() ? null : warmLoss,
                    d.validation().isEmpty() ? new float[0] : scores);
        }

        @Override
        public TrainedModel fit(TrainingData d, Hyperparameters hp, EpochListener listener) {
            data.add(d);
            hyperparameters.add(hp);
            listener.onEpoch(new EpochReport(1, hp.maxEpochs(), 0.6, d.validation().isEmpty() ? null : 0.65, true));
            return new TrainedModel(new byte[] {1, 2, 3}, 5, 3, 0.31,
                    d.validation().isEmpty() ? null : 0.42, d.validation().isEmpty() ? new float[0] : scores);
        }
    }

    /** A clock that moves 2.5 s on every reading. */
    static final class SteppingClock extends Clock {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Instant t = now;
            now = now.plus(Duration.ofMillis(2500));
            return t;
        }
    }

    final RecordingLearner learner = new RecordingLearner();
    final CandidateTrainer trainer = new CandidateTrainer(learner, new SteppingClock(), "0.1.0");

    static DatasetRow row(String id, Split split, double x, String c, int label) {
        return new DatasetRow(id, 0, 0, split, Map.of("x", x, "c", c), Map.of(), label);
    }

    static Dataset dataset(DatasetRow... rows) {
        return new Dataset("churn", SPEC_HASH, List.of(), List.of(rows));
    }

    static final Dataset DATASET = dataset(
            row("r1", Split.TRAIN, 1, "a", 0),
            row("r2", Split.TRAIN, 2, "b", 1),
            row("r3", Split.TRAIN, 3, "a", 1),
            row("r4", Split.VALIDATION, 100, "b", 1),
            row("r5", Split.VALIDATION, -100, "a", 0),
            row("r6", Split.TEST, 1000, "b", 1));

    @Test
    void fitsTheEncodingOnTheTrainSplitOnly() {
        learner.scores = new float[] {0.9f, 0.1f};
        Candidate candidate = trainer.train(SPEC, SPEC_HASH, DATASET_ID, DATASET, EpochListener.NONE);
        FeatureEncoding.Column x = candidate.artifact().encoding().columns().get(0);
        assertThat(x.mean()).isEqualTo(2.0);
        assertThat(x.std()).isEqualTo(1.0);
        assertThat(candidate.artifact().encoding().width()).isEqualTo(3);
    }

    @Test
    void givesTheLearnerTheEncodedTrainAndValidationRowsButNeverTheTestRows() {
        learner.scores = new float[] {0.9f, 0.1f};
        trainer.train(SPEC, SPEC_HASH, DATASET_ID, DATASET, EpochListener.NONE);
        TrainingData data = learner.data.get(0);
        assertThat(data.train().rows()).isEqualTo(3);
        assertThat(data.train().labels()).containsExactly(0, 1, 1);
        assertThat(data.train().features()).containsExactly(-1f, 1f, 0f, 0f, 0f, 1f, 1f, 1f, 0f);
        assertThat(data.validation().rows()).isEqualTo(2);
        assertThat(data.validation().labels()).containsExactly(1, 0);
        assertThat(learner.hyperparameters.get(0)).isEqualTo(new Hyperparameters(List.of(4), 0.05, 16, 9, 2, 11L));
    }

    @Test
    void namesTheCandidateAsAnnouncedBeforeTraining() {
        learner.scores = new float[] {0.9f, 0.1f};
        Candidate candidate = trainer.train(SPEC, SPEC_HASH, DATASET_ID, DATASET, EpochListener.NONE);
        assertThat(candidate.candidateId())
                .isEqualTo(trainer.candidateId(SPEC, SPEC_HASH, DATASET_ID))
                .isEqualTo(CandidateId.of(DATASET_ID, SPEC_HASH, Hyperparameters.of(SPEC.training()), "0.1.0"));
        assertThat(candidate.artifact().candidateId()).isEqualTo(candidate.candidateId());
        assertThat(candidate.artifact().model()).isEqualTo("churn");
        assertThat(candidate.artifact().network()).containsExactly(1, 2, 3);
        assertThat(candidate.specHash()).isEqualTo(SPEC_HASH);
        assertThat(candidate.seed()).isEqualTo(11L);
    }

    @Test
    void reportsLossesAccuracyEpochsRowsAndDuration() {
        learner.scores = new float[] {0.9f, 0.7f};
        Candidate candidate = trainer.train(SPEC, SPEC_HASH, DATASET_ID, DATASET, EpochListener.NONE);
        assertThat(candidate.metrics()).containsEntry("trainLoss", 0.31).containsEntry("validationLoss", 0.42)
                .containsEntry("bestEpoch", 3.0).containsEntry("epochs", 5.0).containsEntry("trainRows", 3.0)
                .containsEntry("validationRows", 2.0);
        assertThat(candidate.metrics().get("validationAccuracy")).isCloseTo(0.5, within(1e-12));
        assertThat(candidate.metrics().get("seconds")).isCloseTo(2.5, within(1e-9));
        assertThat(candidate.hyperparameters()).containsEntry("epochsRun", 5).containsEntry("bestEpoch", 3)
                .containsEntry("hiddenLayers", List.of(4)).containsEntry("learningRate", 0.05)
                .containsEntry("batchSize", 16).containsEntry("maxEpochs", 9).containsEntry("patience", 2);
    }

    @Test
    void withoutValidationRowsNoValidationFiguresAreReported() {
        Candidate candidate = trainer.train(SPEC, SPEC_HASH, DATASET_ID,
                dataset(row("r1", Split.TRAIN, 1, "a", 0), row("r2", Split.TRAIN, 2, "b", 1)), EpochListener.NONE);
        assertThat(candidate.metrics()).doesNotContainKeys("validationLoss", "validationAccuracy")
                .containsEntry("validationRows", 0.0);
    }

    @Test
    void passesEveryEpochToTheListener() {
        learner.scores = new float[] {0.9f, 0.1f};
        List<EpochReport> seen = new ArrayList<>();
        trainer.train(SPEC, SPEC_HASH, DATASET_ID, DATASET, seen::add);
        assertThat(seen).extracting(EpochReport::epoch).containsExactly(1);
    }

    @Test
    void aDatasetWithoutTrainingRowsIsInvalid() {
        assertThatThrownBy(() -> trainer.train(SPEC, SPEC_HASH, DATASET_ID,
                dataset(row("r4", Split.VALIDATION, 1, "a", 1)), EpochListener.NONE))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("no rows in its train split");
        assertThat(learner.data).isEmpty();
    }

    @Test
    void aLabelOtherThanZeroOrOneIsInvalid() {
        assertThatThrownBy(() -> trainer.train(SPEC, SPEC_HASH, DATASET_ID,
                dataset(row("r1", Split.TRAIN, 1, "a", 2)), EpochListener.NONE))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("label 2");
    }

    @Test
    void aDatasetOfAnotherModelIsInvalid() {
        Dataset other = new Dataset("fraud", SPEC_HASH, List.of(), DATASET.rows());
        assertThatThrownBy(() -> trainer.train(SPEC, SPEC_HASH, DATASET_ID, other, EpochListener.NONE))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("fraud");
    }

    /** A champion trained on other rows: its own encoding (mean 10, std 5), its own network bytes. */
    static CandidateTrainer.Parent champion(ModelSpec spec) {
        FeatureEncoding encoding = new FeatureEncoding(List.of(new FeatureEncoding.Column("x", true, 10, 5, List.of()),
                new FeatureEncoding.Column("c", false, 0, 1, List.of("a", "b"))));
        return new CandidateTrainer.Parent(3, "f".repeat(64), new io.driftloop.contracts.model.ModelArtifact(
                spec.name(), "sha256:" + "c".repeat(64), encoding, new byte[] {7, 7, 7}));
    }

    @Test
    void aWarmStartContinuesFromTheChampionsNetworkWithItsEncodingAndWinsOnALowerValidationLoss() {
        learner.scores = new float[] {0.9f, 0.1f};
        learner.warmLoss = 0.40;
        List<String> epochsOf = new ArrayList<>();
        Candidate chosen = trainer.train(SPEC, SPEC_HASH, DATASET_ID, DATASET, Optional.of(champion(SPEC)),
                id -> report -> epochsOf.add(id));

        String warmId = CandidateId.of(DATASET_ID, SPEC_HASH, learner.hyperparameters.get(1), "0.1.0", "f".repeat(64));
        assertThat(learner.startedFrom).containsExactly(new byte[] {7, 7, 7});
        // the champion's encoding: x = 1 → (1 - 10) / 5
        assertThat(learner.data.get(1).train().features()[0]).isEqualTo(-1.8f);
        assertThat(learner.hyperparameters.get(1)).isEqualTo(new Hyperparameters(List.of(4), 0.002, 16, 15, 2, 11L));
        assertThat(chosen.candidateId()).isEqualTo(warmId).isNotEqualTo(trainer.candidateId(SPEC, SPEC_HASH, DATASET_ID));
        assertThat(trainer.candidateIds(SPEC, SPEC_HASH, DATASET_ID, Optional.of(champion(SPEC).sha256())))
                .containsExactly(trainer.candidateId(SPEC, SPEC_HASH, DATASET_ID), warmId);
        assertThat(chosen.artifact().network()).containsExactly(9, 9);
        assertThat(chosen.artifact().encoding()).isEqualTo(champion(SPEC).artifact().encoding());
        assertThat(chosen.hyperparameters()).containsEntry("warmStartFrom", 3).containsEntry("warmStartSha256", "f".repeat(64));
        assertThat(chosen.trials()).extracting(TrainingTrial::kind, TrainingTrial::chosen)
                .containsExactly(tuple(TrainingTrial.FROM_SCRATCH, false), tuple(TrainingTrial.WARM_START, true));
        assertThat(chosen.trials().get(1).validation()).containsEntry("loss", 0.40);
        assertThat(chosen.trials().get(1).parentVersion()).isEqualTo(3);
        assertThat(chosen.selection()).isEqualTo(CandidateTrainer.SELECTION);
        assertThat(epochsOf).containsExactly(trainer.candidateId(SPEC, SPEC_HASH, DATASET_ID), warmId);
    }

    @Test
    void theFromScratchCandidateWinsAHigherWarmLossAndATie() {
        learner.scores = new float[] {0.9f, 0.1f};
        learner.warmLoss = 0.42;
        Candidate tie = trainer.train(SPEC, SPEC_HASH, DATASET_ID, DATASET, Optional.of(champion(SPEC)), id -> r -> { });
        learner.warmLoss = 0.9;
        Candidate worse = trainer.train(SPEC, SPEC_HASH, DATASET_ID, DATASET, Optional.of(champion(SPEC)), id -> r -> { });

        assertThat(tie.candidateId()).isEqualTo(trainer.candidateId(SPEC, SPEC_HASH, DATASET_ID));
        assertThat(worse.candidateId()).isEqualTo(trainer.candidateId(SPEC, SPEC_HASH, DATASET_ID));
        assertThat(worse.trials().get(0).note()).isEqualTo("validation loss warm start 0.90000 vs from scratch 0.42000");
    }

    @Test
    void aChampionWhoseFeaturesNoLongerMatchTheSpecIsNotWarmStartedAndTheTrialSaysWhy() {
        ModelSpec renamed = ModelSpecs.parse("""
                name: churn
                task: binary-classification
                label: churned
                features:
                  - {name: x, type: numeric}
                  - {name: c, type: categorical, values: [a, b, z]}
                training: {hiddenLayers: [4], maxEpochs: 9, patience: 2, batchSize: 16, learningRate: 0.05, seed: 11}
                """);
        learner.scores = new float[] {0.9f, 0.1f};
        Candidate chosen = trainer.train(renamed, SPEC_HASH, DATASET_ID, DATASET, Optional.of(champion(SPEC)),
                id -> r -> { });

        assertThat(learner.startedFrom).isEmpty();
        assertThat(chosen.trials()).hasSize(2);
        assertThat(chosen.trials().get(1).chosen()).isFalse();
        assertThat(chosen.trials().get(1).note()).isEqualTo("skipped: not compatible with champion v3: the categories "
                + "of 'c' were [a, b], are now [a, b, z]");
        assertThat(CandidateTrainer.mismatch(SPEC, champion(SPEC).artifact().encoding())).isNull();
    }

    @Test
    void accuracyCountsScoresOnTheRightSideOfOneHalf() {
        assertThat(CandidateTrainer.accuracy(new float[] {0.5f, 0.49f, 0.9f, 0.1f}, new int[] {1, 0, 0, 0})).isEqualTo(0.75);
        assertThat(CandidateTrainer.accuracy(new float[0], new int[0])).isNaN();
        assertThatThrownBy(() -> CandidateTrainer.accuracy(new float[1], new int[2])).isInstanceOf(IllegalArgumentException.class);
    }
}
