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
import io.driftloop.contracts.model.TrialReport;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.Test;

/** The orchestration around the learner, with a learner that records what it was given. */
class CandidateTrainerTest {

    static final String SPEC_YAML = """
            name: churn
            task: binary-classification
            features:
              - {name: x, type: numeric}
              - {name: c, type: categorical, values: [a, b]}
            training: {hiddenLayers: [4], maxEpochs: 9, patience: 2, batchSize: 16, learningRate: 0.05, seed: 11,
                       search: {trials: 1, baseline: false}}
            """;
    static final ModelSpec SPEC = ModelSpecs.parse(SPEC_YAML);
    /** Nine trials over two architectures and five rates, rungs of 1, 3 and 9 epochs, the baseline first. */
    static final String SEARCH_YAML = """
            name: churn
            task: binary-classification
            features:
              - {name: x, type: numeric}
              - {name: c, type: categorical, values: [a, b]}
            training:
              hiddenLayers: [4]
              maxEpochs: 9
              patience: 9
              batchSize: 16
              learningRate: 0.05
              seed: 11
              search: {trials: 9, eta: 3, minEpochs: 1, hiddenLayers: [[4], [8]],
                       learningRate: [0.01, 0.02, 0.03, 0.04, 0.05], l2: [0], dropout: [0]}
            """;
    static final ModelSpec SEARCH = ModelSpecs.parse(SEARCH_YAML);
    static final String SPEC_HASH = ModelSpecs.hash(SPEC);
    static final String DATASET_ID = "sha256:" + "a".repeat(64);

    /**
     * A learner whose validation loss per epoch is scripted from the hyperparameters: {@link #loss}
     * (a warm start's is {@link #warmLoss} minus a little per epoch); it records every training it
     * started and every epoch it trained.
     */
    static final class ScriptedLearner implements Learner {
        final List<TrainingData> data = new ArrayList<>();
        final List<Hyperparameters> hyperparameters = new ArrayList<>();
        final List<byte[]> startedFrom = new ArrayList<>();
        final List<String> epochs = new ArrayList<>();
        final List<String> restored = new ArrayList<>();
        ToDoubleBiFunction<Hyperparameters, Integer> loss = (hp, epoch) -> 0.42 + 0.1 / epoch;
        double warmLoss = 0.40;
        float[] scores;

        @Override
        public Training start(TrainingData d, Hyperparameters hp) {
            data.add(d);
            hyperparameters.add(hp);
            return new Scripted(d, hp, epoch -> loss.applyAsDouble(hp, epoch), new byte[] {1, 2, 3}, this);
        }

        @Override
        public Training restore(TrainingData d, Hyperparameters hp, byte[] checkpoint) {
            String[] f = new String(checkpoint, java.nio.charset.StandardCharsets.UTF_8).split(";");
            restored.add(hp.hiddenLayers() + "@" + hp.learningRate() + "#" + f[0]);
            Scripted t = new Scripted(d, hp, f[4].equals("warm") ? epoch -> warmLoss : epoch -> loss.applyAsDouble(hp, epoch),
                    f[4].equals("warm") ? new byte[] {9, 9} : new byte[] {1, 2, 3}, this);
            t.stopping = EarlyStopping.resumed(hp.patience(), hp.maxEpochs(), Integer.parseInt(f[0]),
                    Integer.parseInt(f[1]), Double.parseDouble(f[2]));
            t.bestAccuracy = f[3].equals("null") ? null : Double.valueOf(f[3]);
            return t;
        }

        @Override
        public Training resume(TrainingData d, byte[] network, Hyperparameters hp) {
            data.add(d);
            hyperparameters.add(hp);
            startedFrom.add(network);
            return new Scripted(d, hp, epoch -> warmLoss, new byte[] {9, 9}, this);
        }
    }

    /** A training that follows its script, with the real early stopping. */
    static final class Scripted implements Training {
        final TrainingData data;
        final Hyperparameters hp;
        final java.util.function.IntToDoubleFunction script;
        final byte[] network;
        final ScriptedLearner learner;
        EarlyStopping stopping;
        Double bestAccuracy;
        String diverged;

        Scripted(TrainingData data, Hyperparameters hp, java.util.function.IntToDoubleFunction script, byte[] network,
                 ScriptedLearner learner) {
            this.data = data;
            this.hp = hp;
            this.script = script;
            this.network = network;
            this.learner = learner;
            this.stopping = new EarlyStopping(hp.patience(), hp.maxEpochs());
        }

        @Override
        public boolean advance(int until, EpochListener listener) {
            while (diverged == null && !stopping.shouldStop() && stopping.epochs() < until) {
                int epoch = stopping.epochs() + 1;
                double loss = script.applyAsDouble(epoch);
                boolean best = stopping.record(loss);
                if (best) {
                    bestAccuracy = data.validation().isEmpty() ? null : 0.5;
                }
                if (!Double.isFinite(loss)) {
                    diverged = "exploding loss at epoch " + epoch;
                }
                learner.epochs.add(hp.hiddenLayers() + "@" + hp.learningRate() + "#" + epoch);
                listener.onEpoch(new EpochReport(epoch, hp.maxEpochs(), loss + 0.1,
                        data.validation().isEmpty() ? null : loss, best, bestAccuracy));
            }
            return stopReason() == null;
        }

        @Override
        public int epochs() {
            return stopping.epochs();
        }

        @Override
        public int bestEpoch() {
            return stopping.bestEpoch();
        }

        @Override
        public double bestLoss() {
            return stopping.bestLoss();
        }

        @Override
        public Double bestValidationAccuracy() {
            return bestAccuracy;
        }

        @Override
        public String stopReason() {
            return diverged != null ? diverged : stopping.shouldStop() ? "stopped" : null;
        }

        @Override
        public boolean diverged() {
            return diverged != null;
        }

        @Override
        public byte[] checkpoint() {
            return (stopping.epochs() + ";" + stopping.bestEpoch() + ";" + stopping.bestLoss() + ";" + bestAccuracy + ";"
                    + (network.length == 2 ? "warm" : "scratch")).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public TrainedModel finish() {
            boolean validated = !data.validation().isEmpty();
            float[] scores = learner.scores != null ? learner.scores : new float[data.validation().rows()];
            return new TrainedModel(network, stopping.epochs(), stopping.bestEpoch(), stopping.bestLoss() + 0.1,
                    validated ? stopping.bestLoss() : null, validated ? scores : new float[0]);
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

    final ScriptedLearner learner = new ScriptedLearner();
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
        learner.loss = (hp, epoch) -> epoch <= 3 ? 0.5 - 0.01 * epoch : 0.6;
        Candidate candidate = trainer.train(SPEC, SPEC_HASH, DATASET_ID, DATASET, EpochListener.NONE);
        assertThat(candidate.metrics()).containsEntry("validationLoss", 0.47).containsEntry("bestEpoch", 3.0)
                .containsEntry("epochs", 5.0).containsEntry("trainRows", 3.0).containsEntry("validationRows", 2.0)
                .containsEntry("trials", 1.0);
        assertThat(candidate.metrics().get("trainLoss")).isCloseTo(0.57, within(1e-12));
        assertThat(candidate.metrics().get("validationAccuracy")).isCloseTo(0.5, within(1e-12));
        assertThat(candidate.metrics().get("seconds")).isPositive();
        assertThat(candidate.hyperparameters()).containsEntry("epochsRun", 5).containsEntry("bestEpoch", 3)
                .containsEntry("hiddenLayers", List.of(4)).containsEntry("learningRate", 0.05)
                .containsEntry("batchSize", 16).containsEntry("maxEpochs", 9).containsEntry("patience", 2)
                .doesNotContainKeys("l2", "dropout", "classWeights");
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
        assertThat(seen).extracting(EpochReport::epoch).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
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
        assertThat(learner.epochs).containsExactly("[4]@0.05#1", "[4]@0.05#2", "[4]@0.05#3", "[4]@0.05#4",
                "[4]@0.05#5", "[4]@0.05#6", "[4]@0.05#7", "[4]@0.05#8", "[4]@0.05#9", "[4]@0.002#1", "[4]@0.002#2",
                "[4]@0.002#3");
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
        assertThat(epochsOf).hasSize(12).startsWith(trainer.candidateId(SPEC, SPEC_HASH, DATASET_ID)).endsWith(warmId);
        assertThat(chosen.report().trials()).extracting(TrialReport.Trial::kind, TrialReport.Trial::chosen)
                .containsExactly(tuple(TrainingTrial.FROM_SCRATCH, false), tuple(TrainingTrial.WARM_START, true));
    }

    @Test
    void theFromScratchCandidateWinsAHigherWarmLossAndATie() {
        learner.scores = new float[] {0.9f, 0.1f};
        learner.loss = (hp, epoch) -> 0.42;
        learner.warmLoss = 0.42;
        Candidate tie = trainer.train(SPEC, SPEC_HASH, DATASET_ID, DATASET, Optional.of(champion(SPEC)), id -> r -> { });
        learner.warmLoss = 0.9;
        Candidate worse = trainer.train(SPEC, SPEC_HASH, DATASET_ID, DATASET, Optional.of(champion(SPEC)), id -> r -> { });

        assertThat(tie.candidateId()).isEqualTo(trainer.candidateId(SPEC, SPEC_HASH, DATASET_ID));
        assertThat(worse.candidateId()).isEqualTo(trainer.candidateId(SPEC, SPEC_HASH, DATASET_ID));
        assertThat(worse.trials().get(0).note())
                .isEqualTo("won the search; validation loss search winner 0.42000 vs warm-start 0.90000: search winner chosen");
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
                training: {hiddenLayers: [4], maxEpochs: 9, patience: 2, batchSize: 16, learningRate: 0.05, seed: 11,
                           search: {trials: 1, baseline: false}}
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

    /** Lower rates are better, the wider network a little worse, the baseline worst; all improve with epochs. */
    static double byRate(Hyperparameters hp, int epoch) {
        if (hp.hiddenLayers().isEmpty()) {
            return 5.0;
        }
        return hp.learningRate() * 10 + (hp.hiddenLayers().equals(List.of(8)) ? 0.001 : 0) + 0.1 / epoch;
    }

    @Test
    void theBaselineTrainsFirstThenSuccessiveHalvingKeepsTheBestThirdOfEachRungAndTheWinnerTrainsToMaxEpochs() {
        learner.loss = CandidateTrainerTest::byRate;
        Candidate chosen = trainer.train(SEARCH, SPEC_HASH, DATASET_ID, DATASET, EpochListener.NONE);

        SearchPlan plan = SearchPlan.of(SEARCH.training());
        assertThat(plan.rungs()).containsExactly(1, 3, 9);
        assertThat(plan.raced()).hasSize(9);
        SearchPlan.Trial best = plan.raced().stream().min(java.util.Comparator.comparingDouble(
                t -> byRate(t.hyperparameters(), 9))).orElseThrow();
        // the baseline's nine epochs come first, then 9 trials x 1 epoch, 3 x 2, 1 x 6
        assertThat(learner.epochs.subList(0, 9)).allMatch(e -> e.startsWith("[]@0.05#"));
        assertThat(learner.epochs).hasSize(9 + 9 + 6 + 6);
        assertThat(learner.epochs.subList(9, 18)).allMatch(e -> e.endsWith("#1"));
        assertThat(chosen.candidateId()).isEqualTo(CandidateId.of(DATASET_ID, SPEC_HASH, best.hyperparameters(), "0.1.0"));
        assertThat(chosen.hyperparameters()).containsEntry("learningRate", best.hyperparameters().learningRate())
                .containsEntry("epochsRun", 9).containsEntry("bestEpoch", 9);
        assertThat(trainer.candidateIds(SEARCH, SPEC_HASH, DATASET_ID, Optional.empty())).hasSize(10).doesNotHaveDuplicates()
                .contains(chosen.candidateId());

        TrialReport report = chosen.report();
        assertThat(report.rungs()).containsExactly(1, 3, 9);
        assertThat(report.epochs()).isEqualTo(30);
        assertThat(report.winner()).isEqualTo(chosen.candidateId());
        assertThat(report.cut()).isNull();
        assertThat(report.trials()).hasSize(10);
        assertThat(report.trials().get(0).kind()).isEqualTo(TrainingTrial.BASELINE);
        assertThat(report.trials()).filteredOn(t -> t.status().startsWith("stopped at rung 0")).hasSize(6)
                .allMatch(t -> t.curve().size() == 1 && t.rungs().size() == 1);
        assertThat(report.trials()).filteredOn(t -> t.status().startsWith("stopped at rung 1")).hasSize(2)
                .allMatch(t -> t.curve().size() == 3 && t.rungs().size() == 2);
        assertThat(report.trials()).filteredOn(TrialReport.Trial::chosen).singleElement()
                .satisfies(t -> assertThat(t.rungs()).extracting(TrialReport.RungScore::epochs).containsExactly(1, 3, 9));
        assertThat(chosen.trials()).filteredOn(TrainingTrial::chosen).singleElement()
                .satisfies(t -> assertThat(t.note()).startsWith("won the search; validation loss baseline 5.00000 vs "
                        + "search winner"));
    }

    @Test
    void theBaselineIsChosenWhenNoTrialBeatsIt() {
        learner.loss = (hp, epoch) -> hp.hiddenLayers().isEmpty() ? 0.05 : byRate(hp, epoch);
        Candidate chosen = trainer.train(SEARCH, SPEC_HASH, DATASET_ID, DATASET, EpochListener.NONE);
        assertThat(chosen.hyperparameters()).containsEntry("hiddenLayers", List.of());
        assertThat(chosen.trials().get(0)).extracting(TrainingTrial::kind, TrainingTrial::chosen)
                .containsExactly(TrainingTrial.BASELINE, true);

        learner.loss = (hp, epoch) -> 0.3;  // a tie everywhere: the simplest wins
        assertThat(trainer.train(SEARCH, SPEC_HASH, DATASET_ID, DATASET, EpochListener.NONE).hyperparameters())
                .containsEntry("hiddenLayers", List.of());
    }

    @Test
    void theTimeCapStopsTheSearchAfterARungAndIsRecorded() {
        ModelSpec capped = ModelSpecs.parse(SEARCH_YAML.replace("dropout: [0]}", "dropout: [0], maxDuration: PT1S}"));
        assertThat(capped.training().search().maxDuration()).isEqualTo(Duration.ofSeconds(1));
        learner.loss = CandidateTrainerTest::byRate;
        Candidate chosen = trainer.train(capped, SPEC_HASH, DATASET_ID, DATASET, EpochListener.NONE);
        assertThat(learner.epochs).hasSize(9 + 9);
        assertThat(chosen.report().cut()).contains("training.search.maxDuration PT1S passed")
                .contains("rung 1 of 3 (3 epochs) not started");
        assertThat(chosen.selection()).contains("search cut");
        assertThat(chosen.report().trials()).filteredOn(t -> t.status().equals("cut after rung 0 (1 epochs)")).hasSize(3);
        assertThat(chosen.report().trials()).filteredOn(t -> t.status().startsWith("stopped at rung 0")).hasSize(6);
    }

    @Test
    void aDivergedTrialIsDroppedWithItsReasonAndOnlyAllDivergedFailsTheDataset() {
        learner.loss = (hp, epoch) -> hp.learningRate() == 0.01 ? Double.NaN : byRate(hp, epoch);
        Candidate chosen = trainer.train(SEARCH, SPEC_HASH, DATASET_ID, DATASET, EpochListener.NONE);
        assertThat(chosen.hyperparameters().get("learningRate")).isNotEqualTo(0.01);
        assertThat(chosen.report().trials()).filteredOn(t -> t.hyperparameters().get("learningRate").equals(0.01))
                .isNotEmpty().allMatch(t -> t.status().equals("diverged") && t.note().startsWith("diverged: exploding"));

        learner.loss = (hp, epoch) -> Double.NaN;
        assertThatThrownBy(() -> trainer.train(SEARCH, SPEC_HASH, DATASET_ID, DATASET, EpochListener.NONE))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("training diverged");
    }

    static Dataset rows(int n) {
        List<DatasetRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(row("r" + i, i % 4 == 0 ? Split.VALIDATION : Split.TRAIN, i, i % 2 == 0 ? "a" : "b", i % 3 == 0 ? 1 : 0));
        }
        rows.add(row("t", Split.TEST, 1000, "b", 1));
        return new Dataset("churn", SPEC_HASH, List.of(), rows);
    }

    @Test
    void crossValidationScoresEachTrialOnEveryFoldAndRefitsTheChosenOneOnEveryRow() {
        ModelSpec folded = ModelSpecs.parse(SPEC_YAML.replace("baseline: false", "baseline: false, folds: 2"));
        learner.loss = (hp, epoch) -> epoch <= 4 ? 0.5 - 0.01 * epoch : 0.6;
        Candidate chosen = trainer.train(folded, SPEC_HASH, DATASET_ID, rows(60), EpochListener.NONE);

        assertThat(learner.data).hasSize(3);
        assertThat(learner.data.subList(0, 2)).allMatch(d -> d.train().rows() + d.validation().rows() == 60
                && d.validation().rows() == 30);
        assertThat(learner.data.get(2).train().rows()).isEqualTo(60);
        assertThat(learner.data.get(2).validation().rows()).isZero();
        assertThat(learner.hyperparameters.get(2).maxEpochs()).isEqualTo(4);
        assertThat(chosen.metrics()).containsEntry("folds", 2.0).containsEntry("trainRows", 60.0)
                .containsEntry("validationLoss", 0.46).containsEntry("epochs", 4.0);

        learner.data.clear();
        Candidate small = trainer.train(folded, SPEC_HASH, DATASET_ID, DATASET, EpochListener.NONE);
        assertThat(learner.data).hasSize(1);
        assertThat(small.selection()).contains("2-fold cross-validation needs 20 rows per fold");
    }

    @Test
    void autoClassWeightsCountEachClassByItsInverseFrequencyInTrainingAndValidation() {
        ModelSpec weighted = ModelSpecs.parse(SPEC_YAML.replace("seed: 11,", "seed: 11, classWeights: auto,"));
        assertThat(weighted.training().classWeights()).isEqualTo(io.driftloop.contracts.spec.ClassWeights.AUTO);
        trainer.train(weighted, SPEC_HASH, DATASET_ID, DATASET, EpochListener.NONE);
        // train labels 0, 1, 1: 3 / (2 x 1) and 3 / (2 x 2)
        assertThat(learner.data.get(0).train().weights()).containsExactly(1.5f, 0.75f, 0.75f);
        assertThat(learner.data.get(0).validation().weights()).containsExactly(0.75f, 1.5f);
        assertThat(learner.hyperparameters.get(0).asMap()).containsEntry("classWeights", "auto");
    }

    /** Checkpoints kept in memory. */
    static final class MemoryCheckpoints implements Checkpoints {
        final Map<String, java.util.TreeMap<Integer, byte[]>> saved = new java.util.HashMap<>();
        final List<String> saves = new ArrayList<>();

        @Override
        public void save(String trialId, int epoch, byte[] checkpoint) {
            saved.computeIfAbsent(trialId, id -> new java.util.TreeMap<>()).put(epoch, checkpoint);
            saves.add(trialId + "@" + epoch);
        }

        @Override
        public Optional<Saved> latest(String trialId, int atMost) {
            return Optional.ofNullable(saved.get(trialId)).map(m -> m.floorEntry(atMost))
                    .map(e -> new Saved(e.getKey(), e.getValue()));
        }
    }

    @Test
    void trialsCheckpointEveryFewEpochsAndAtEachRungAndASecondRunGoesOnFromThemToTheSameResult() {
        MemoryCheckpoints store = new MemoryCheckpoints();
        learner.loss = CandidateTrainerTest::byRate;
        CandidateTrainer checkpointing = new CandidateTrainer(learner, new SteppingClock(), "0.1.0", store, 2);
        Candidate first = checkpointing.train(SEARCH, SPEC_HASH, DATASET_ID, DATASET, Optional.of(champion(SEARCH)),
                id -> r -> { });
        String baselineId = first.report().trials().get(0).candidateId();
        String warmId = first.report().trials().get(first.report().trials().size() - 1).candidateId();
        // the baseline (9 epochs): every 2 epochs and at its end
        assertThat(store.saved.get(baselineId).keySet()).containsExactly(2, 4, 6, 8, 9);
        // the winner: rung ends 1, 3, 9 and every 2 epochs between
        assertThat(store.saved.get(first.candidateId()).keySet()).containsExactly(1, 2, 3, 4, 6, 8, 9);
        int epochsFirst = learner.epochs.size();

        // a trainer killed after the search's rung 1 comes back: only the winner's last rung is trained again
        ScriptedLearner again = new ScriptedLearner();
        again.loss = CandidateTrainerTest::byRate;
        MemoryCheckpoints upToRung1 = new MemoryCheckpoints();
        store.saved.forEach((id, m) -> m.forEach((epoch, bytes) -> {
            if (!id.equals(warmId) && (epoch <= 3 || id.equals(baselineId))) {
                upToRung1.save(id, epoch, bytes);
            }
        }));
        Candidate second = new CandidateTrainer(again, new SteppingClock(), "0.1.0", upToRung1, 2)
                .train(SEARCH, SPEC_HASH, DATASET_ID, DATASET, Optional.of(champion(SEARCH)), id -> r -> { });
        assertThat(second.candidateId()).isEqualTo(first.candidateId());
        assertThat(second.artifact().network()).isEqualTo(first.artifact().network());
        assertThat(second.report().trials()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("seconds")
                .isEqualTo(first.report().trials());
        // the winner's last 6 epochs and the warm start's 10 (it had no checkpoint); nothing of the
        // baseline and of the first two rungs
        assertThat(epochsFirst).isEqualTo(9 + (9 + 6 + 6) + 10);
        assertThat(again.epochs).hasSize(6 + 10);
        assertThat(again.restored).contains("[]@0.05#9").hasSize(1 + 9 + 3);
    }

    @Test
    void aSearchWhoseTrialsTheGroupTrainsReadsThemBackFromTheirCheckpointsAndChoosesAsIfItHadTrainedThem() {
        learner.loss = CandidateTrainerTest::byRate;
        Candidate local = trainer.train(SEARCH, SPEC_HASH, DATASET_ID, DATASET, Optional.of(champion(SEARCH)),
                id -> r -> { });

        MemoryCheckpoints store = new MemoryCheckpoints();
        ScriptedLearner member = new ScriptedLearner();
        member.loss = CandidateTrainerTest::byRate;
        CandidateTrainer worker = new CandidateTrainer(member, new SteppingClock(), "0.1.0", store, 2);
        List<Map<String, Integer>> stages = new ArrayList<>();
        TrialPool group = epochs -> {
            stages.add(epochs);
            epochs.forEach((id, epoch) -> worker.trainTrial(SEARCH, SPEC_HASH, DATASET_ID, DATASET,
                    Optional.of(champion(SEARCH)), id, epoch, EpochListener.NONE));
        };
        ScriptedLearner coordinator = new ScriptedLearner();
        coordinator.loss = CandidateTrainerTest::byRate;
        Candidate distributed = new CandidateTrainer(coordinator, new SteppingClock(), "0.1.0", store, 2, group)
                .train(SEARCH, SPEC_HASH, DATASET_ID, DATASET, Optional.of(champion(SEARCH)), id -> r -> { });

        assertThat(distributed.candidateId()).isEqualTo(local.candidateId());
        assertThat(distributed.metrics()).containsEntry("validationLoss", local.metrics().get("validationLoss"));
        assertThat(distributed.report().trials()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("seconds")
                .isEqualTo(local.report().trials());
        assertThat(coordinator.epochs).as("the coordinator trains nothing itself").isEmpty();
        assertThat(member.epochs).hasSameSizeAs(learner.epochs);
        // the baseline, the 9 trials of rung 0 and the warm start side by side; then 3 of rung 1; the winner
        assertThat(stages).extracting(Map::size).containsExactly(1 + 9 + 1, 3, 1);
        List<String> ids = distributed.report().trials().stream().map(TrialReport.Trial::candidateId).toList();
        assertThat(stages.get(0)).containsEntry(ids.get(0), 9).containsEntry(ids.get(1), distributed.report().rungs().get(0))
                .containsEntry(ids.get(ids.size() - 1), SEARCH.training().warmStartEpochs());

        assertThatThrownBy(() -> worker.trainTrial(SEARCH, SPEC_HASH, DATASET_ID, DATASET, Optional.empty(),
                "sha256:" + "9".repeat(64), 3, EpochListener.NONE))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("is not one of the search");
    }

    @Test
    void accuracyCountsScoresOnTheRightSideOfOneHalf() {
        assertThat(CandidateTrainer.accuracy(new float[] {0.5f, 0.49f, 0.9f, 0.1f}, new int[] {1, 0, 0, 0})).isEqualTo(0.75);
        assertThat(CandidateTrainer.accuracy(new float[0], new int[0])).isNaN();
        assertThatThrownBy(() -> CandidateTrainer.accuracy(new float[1], new int[2])).isInstanceOf(IllegalArgumentException.class);
    }
}
