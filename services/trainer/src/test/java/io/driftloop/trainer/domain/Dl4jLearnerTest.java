package io.driftloop.trainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Dl4jLearnerTest {

    static final Hyperparameters HP = new Hyperparameters(List.of(8), 0.05, 100, 20, 3, 7L);

    static final Dl4jLearner LEARNER = new Dl4jLearner(1);

    static TrainingData data;
    static TrainedModel model;
    static List<EpochReport> reports = new ArrayList<>();

    @BeforeAll
    static void trainOnce() {
        data = new TrainingData(separable(800, 1), separable(200, 2));
        model = LEARNER.fit(data, HP, reports::add);
    }

    /** Three standard-normal features; label 1 when x0 + 2·x1 − x2 > 0. */
    static Examples separable(int rows, long seed) {
        return linear(rows, seed, 1, 2, -1);
    }

    /** Three standard-normal features; label 1 when w0·x0 + w1·x1 + w2·x2 > 0. */
    static Examples linear(int rows, long seed, double w0, double w1, double w2) {
        Random random = new Random(seed);
        float[] x = new float[rows * 3];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 3; c++) {
                x[r * 3 + c] = (float) random.nextGaussian();
            }
            y[r] = w0 * x[r * 3] + w1 * x[r * 3 + 1] + w2 * x[r * 3 + 2] > 0 ? 1 : 0;
        }
        return new Examples(x, y, 3);
    }

    @Test
    void withoutHiddenLayersItIsALogisticRegressionThatLearnsALinearRule() {
        Hyperparameters logistic = new Hyperparameters(List.of(), 0.05, 64, 30, 5, 3L);
        TrainedModel fitted = LEARNER.fit(data, logistic, EpochListener.NONE);
        MultiLayerNetwork net = Dl4jLearner.restore(fitted.network());
        assertThat(net.getnLayers()).isEqualTo(1);
        assertThat(net.numParams()).isEqualTo(3 * 2 + 2);
        assertThat(CandidateTrainer.accuracy(fitted.validationScores(), data.validation().labels())).isGreaterThan(0.9);
    }

    @Test
    void learnsASeparableRuleToHighValidationAccuracy() {
        assertThat(CandidateTrainer.accuracy(model.validationScores(), data.validation().labels())).isGreaterThan(0.9);
        assertThat(model.validationScores()).hasSize(200);
    }

    @Test
    void theSameSeedGivesTheSameNetworkBytesAndPredictions() {
        TrainedModel again = LEARNER.fit(data, HP, EpochListener.NONE);
        assertThat(again.network()).isEqualTo(model.network());
        assertThat(again.validationScores()).isEqualTo(model.validationScores());
        assertThat(again.bestEpoch()).isEqualTo(model.bestEpoch());
    }

    @Test
    void anotherSeedGivesAnotherNetwork() {
        Hyperparameters other = new Hyperparameters(HP.hiddenLayers(), HP.learningRate(), HP.batchSize(), 2, 1, 8L);
        Hyperparameters same = new Hyperparameters(HP.hiddenLayers(), HP.learningRate(), HP.batchSize(), 2, 1, 7L);
        assertThat(LEARNER.fit(data, other, EpochListener.NONE).network())
                .isNotEqualTo(LEARNER.fit(data, same, EpochListener.NONE).network());
    }

    @Test
    void theSerialisedNetworkRestoresToTheSameOutputs() {
        MultiLayerNetwork restored = Dl4jLearner.restore(model.network());
        float[] scores = Dl4jLearner.positiveProbability(restored, Dl4jLearner.matrix(data.validation()));
        assertThat(scores).containsExactly(model.validationScores(), within(1e-6f));
    }

    @Test
    void reportsEveryEpochAndKeepsTheParametersOfTheOneWithTheLowestValidationLoss() {
        assertThat(reports).hasSize(model.epochsRun());
        assertThat(reports).extracting(EpochReport::epoch).startsWith(1).isSorted();
        assertThat(reports).allSatisfy(r -> assertThat(r.maxEpochs()).isEqualTo(HP.maxEpochs()));
        EpochReport lowest = reports.stream().min(Comparator.comparingDouble(EpochReport::validationLoss)).orElseThrow();
        assertThat(model.bestEpoch()).isEqualTo(lowest.epoch());
        assertThat(model.validationLoss()).isEqualTo(lowest.validationLoss());
        assertThat(model.trainLoss()).isEqualTo(lowest.trainLoss());
        assertThat(model.epochsRun()).isLessThanOrEqualTo(HP.maxEpochs());
        // each epoch's validation accuracy; the best epoch's is that of the scores the model keeps
        assertThat(reports).allSatisfy(r -> assertThat(r.validationAccuracy()).isBetween(0.0, 1.0));
        assertThat(lowest.validationAccuracy()).isEqualTo(
                CandidateTrainer.accuracy(model.validationScores(), data.validation().labels()));
        if (model.epochsRun() < HP.maxEpochs()) {
            assertThat(model.epochsRun() - model.bestEpoch()).isEqualTo(HP.patience());
        }
        // the kept parameters reproduce the best epoch's validation loss, not the last epoch's
        MultiLayerNetwork restored = Dl4jLearner.restore(model.network());
        float[] p = Dl4jLearner.positiveProbability(restored, Dl4jLearner.matrix(data.validation()));
        double loss = 0;
        for (int i = 0; i < p.length; i++) {
            double q = data.validation().labels()[i] == 1 ? p[i] : 1 - p[i];
            loss -= Math.log(Math.max(q, 1e-7));
        }
        assertThat(loss / p.length).isCloseTo(lowest.validationLoss(), within(1e-3));
    }

    @Test
    void withoutValidationRowsTheTrainingLossIsWatched() {
        Examples none = new Examples(new float[0], new int[0], 3);
        Hyperparameters short3 = new Hyperparameters(List.of(4), 0.05, 64, 3, 2, 1L);
        List<EpochReport> seen = new ArrayList<>();
        TrainedModel m = LEARNER.fit(new TrainingData(data.train(), none), short3, seen::add);
        assertThat(seen).allSatisfy(r -> assertThat(r.validationLoss()).isNull());
        assertThat(m.validationLoss()).isNull();
        assertThat(m.validationScores()).isEmpty();
        EpochReport lowest = seen.stream().min(Comparator.comparingDouble(EpochReport::trainLoss)).orElseThrow();
        assertThat(m.bestEpoch()).isEqualTo(lowest.epoch());
    }

    @Test
    void fineTuningContinuesFromTheGivenNetworkAndKeepsTheStartWhenNoEpochBeatsIt() {
        // the same world: the start is already good, so fine-tuning keeps it or barely improves
        TrainedModel again = LEARNER.fineTune(data, model.network(),
                new Hyperparameters(List.of(8), 0.0001, 100, 3, 2, 7L), EpochListener.NONE);
        assertThat(again.validationLoss()).isLessThanOrEqualTo(model.validationLoss() + 1e-6);

        // a shifted world (another rule): fine-tuning lowers the validation loss below the start's
        TrainingData shifted = new TrainingData(rotated(800, 3), rotated(200, 4));
        double start = LEARNER.fineTune(shifted, model.network(), new Hyperparameters(List.of(8), 1e-9, 100, 1, 1, 7L),
                EpochListener.NONE).validationLoss();
        TrainedModel tuned = LEARNER.fineTune(shifted, model.network(), new Hyperparameters(List.of(8), 0.01, 100, 15, 3, 7L),
                EpochListener.NONE);
        assertThat(tuned.bestEpoch()).isPositive();
        assertThat(tuned.validationLoss()).isLessThan(start);
    }

    @Test
    void fineTuningRefusesANetworkOfAnotherInputWidth() {
        TrainingData narrow = new TrainingData(new Examples(new float[] {1f, 2f}, new int[] {0, 1}, 1),
                new Examples(new float[0], new int[0], 1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LEARNER.fineTune(narrow, model.network(), HP,
                EpochListener.NONE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 inputs");
    }

    @Test
    void rowsCountByTheirWeight() {
        // two worlds whose rules disagree on two thirds of the rows, in one training set: the model follows
        // the world that weighs more
        Examples a = separable(800, 5);
        Examples b = rotated(800, 6);
        TrainingData towardA = new TrainingData(weighted(a, 1f, b, 0.02f), separable(200, 7));
        TrainingData towardB = new TrainingData(weighted(a, 0.02f, b, 1f), rotated(200, 8));
        Hyperparameters hp = new Hyperparameters(List.of(8), 0.05, 100, 20, 3, 7L);

        TrainedModel followsA = LEARNER.fit(towardA, hp, EpochListener.NONE);
        TrainedModel followsB = LEARNER.fit(towardB, hp, EpochListener.NONE);

        assertThat(CandidateTrainer.accuracy(followsA.validationScores(), towardA.validation().labels()))
                .isGreaterThan(0.85);
        assertThat(CandidateTrainer.accuracy(followsB.validationScores(), towardB.validation().labels()))
                .isGreaterThan(0.85);
    }

    /** The rows of {@code a} weighing {@code wa} followed by those of {@code b} weighing {@code wb}. */
    static Examples weighted(Examples a, float wa, Examples b, float wb) {
        float[] x = new float[a.features().length + b.features().length];
        System.arraycopy(a.features(), 0, x, 0, a.features().length);
        System.arraycopy(b.features(), 0, x, a.features().length, b.features().length);
        int[] y = new int[a.rows() + b.rows()];
        System.arraycopy(a.labels(), 0, y, 0, a.rows());
        System.arraycopy(b.labels(), 0, y, a.rows(), b.rows());
        float[] w = new float[y.length];
        java.util.Arrays.fill(w, 0, a.rows(), wa);
        java.util.Arrays.fill(w, a.rows(), w.length, wb);
        return new Examples(x, y, a.width(), w);
    }

    /** Three standard-normal features; label 1 when x0 − x1 + x2 > 0 (a rule the first model did not learn). */
    static Examples rotated(int rows, long seed) {
        return linear(rows, seed, 1, -1, 1);
    }

    @Test
    void trainingInStepsWithAnotherNetworkTrainedInBetweenGivesTheSameBytesAsInOneGo() {
        Hyperparameters regularised = new Hyperparameters(List.of(8, 4), 0.05, 100, 6, 6, 9L, 0.001, 0.2,
                io.driftloop.contracts.spec.ClassWeights.NONE);
        TrainedModel oneGo = LEARNER.fit(data, regularised, EpochListener.NONE);

        Training stepped = LEARNER.start(data, regularised);
        Training other = LEARNER.start(data, new Hyperparameters(List.of(4), 0.02, 50, 6, 6, 1L, 0, 0.5,
                io.driftloop.contracts.spec.ClassWeights.NONE));
        assertThat(stepped.advance(2, EpochListener.NONE)).isTrue();
        other.advance(3, EpochListener.NONE);
        assertThat(stepped.epochs()).isEqualTo(2);
        assertThat(stepped.advance(6, EpochListener.NONE)).isFalse();
        assertThat(stepped.stopReason()).isEqualTo("maxEpochs");
        assertThat(stepped.finish().network()).isEqualTo(oneGo.network());
    }

    @Test
    void dropoutAndL2ChangeTheNetworkAndAreKeptInItsConfiguration() {
        Hyperparameters plain = new Hyperparameters(List.of(8, 4), 0.05, 100, 3, 3, 9L);
        Hyperparameters regularised = new Hyperparameters(List.of(8, 4), 0.05, 100, 3, 3, 9L, 0.01, 0.3,
                io.driftloop.contracts.spec.ClassWeights.NONE);
        TrainedModel a = LEARNER.fit(data, plain, EpochListener.NONE);
        TrainedModel b = LEARNER.fit(data, regularised, EpochListener.NONE);
        assertThat(b.network()).isNotEqualTo(a.network());
        MultiLayerNetwork net = Dl4jLearner.restore(b.network());
        assertThat(net.getLayerWiseConfigurations().getConf(0).getLayer().getIDropout()).isNull();
        assertThat(net.getLayerWiseConfigurations().getConf(1).getLayer().getIDropout()).isNotNull();
        assertThat(net.getLayerWiseConfigurations().getConf(2).getLayer().getIDropout()).isNotNull();
        assertThat(((org.deeplearning4j.nn.conf.layers.BaseLayer) net.getLayerWiseConfigurations().getConf(0).getLayer()).getRegularization()).isNotEmpty();
    }

    @Test
    void aLossThatIsNotAFiniteNumberStopsTheTrainingWithItsReason() {
        Examples huge = separable(200, 3);
        float[] x = huge.features().clone();
        java.util.Arrays.fill(x, Float.MAX_VALUE);
        TrainingData broken = new TrainingData(new Examples(x, huge.labels(), 3), separable(50, 4));
        Training training = LEARNER.start(broken, new Hyperparameters(List.of(8), 0.5, 50, 10, 10, 1L));
        List<EpochReport> seen = new ArrayList<>();
        assertThat(training.advance(10, seen::add)).isFalse();
        assertThat(training.diverged()).isTrue();
        assertThat(training.stopReason()).startsWith("exploding loss: the training loss was");
        assertThat(seen).hasSizeLessThan(10);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LEARNER.fit(broken,
                new Hyperparameters(List.of(8), 0.5, 50, 10, 10, 1L), EpochListener.NONE))
                .isInstanceOf(io.driftloop.contracts.InvalidEventException.class).hasMessageContaining("diverged");
    }

    @Test
    void everyEpochReportsPerLayerNormsAndTheShareOfDeadUnits() {
        assertThat(reports).isNotEmpty().allSatisfy(r -> {
            assertThat(r.layers()).extracting(io.driftloop.contracts.events.LayerDiagnostics::layer).containsExactly(0, 1);
            assertThat(r.layers()).allSatisfy(l -> {
                assertThat(l.weightNorm()).isPositive();
                assertThat(l.updateNorm()).isPositive();
                assertThat(l.gradientNorm()).isGreaterThanOrEqualTo(0.0).isFinite();
            });
            assertThat(r.layers().get(0).deadShare()).isBetween(0.0, 1.0);
            assertThat(r.layers().get(1).deadShare()).isNull();
        });
        // the weights move less as training settles
        assertThat(reports.get(reports.size() - 1).layers().get(0).updateNorm())
                .isLessThan(reports.get(0).layers().get(0).updateNorm());
    }

    @Test
    void aNetworkWhoseWeightsCannotMoveStopsWithVanishingGradients() {
        // all-zero inputs: the first layer's weights get no gradient, its ReLUs output 0, so the output
        // layer's weights get none either
        Examples zeros = new Examples(new float[300 * 3], separable(300, 5).labels(), 3);
        Training training = LEARNER.start(new TrainingData(zeros, new Examples(new float[50 * 3],
                        separable(50, 6).labels(), 3)),
                new Hyperparameters(List.of(8), 0.05, 100, 10, 10, 1L));
        List<EpochReport> seen = new ArrayList<>();
        assertThat(training.advance(10, seen::add)).isFalse();
        assertThat(training.stopReason()).isEqualTo("vanishing gradients: no weight changed in epoch 1");
        assertThat(seen).singleElement().satisfies(r -> assertThat(r.layers().get(0).deadShare()).isEqualTo(1.0));
    }

    @Test
    void aTrainingRestoredFromItsCheckpointGoesOnToTheSameBytesAsOneThatNeverStopped() {
        Hyperparameters hp = new Hyperparameters(List.of(8, 4), 0.05, 100, 8, 8, 9L, 0.001, 0.2,
                io.driftloop.contracts.spec.ClassWeights.NONE);
        TrainedModel oneGo = LEARNER.fit(data, hp, EpochListener.NONE);

        Training first = LEARNER.start(data, hp);
        first.advance(3, EpochListener.NONE);
        byte[] checkpoint = first.checkpoint();
        LEARNER.start(data, new Hyperparameters(List.of(4), 0.02, 50, 6, 6, 1L, 0, 0.5,
                io.driftloop.contracts.spec.ClassWeights.NONE)).advance(2, EpochListener.NONE);
        Training resumed = LEARNER.restore(data, hp, checkpoint);
        assertThat(resumed.epochs()).isEqualTo(3);
        assertThat(resumed.bestEpoch()).isEqualTo(first.bestEpoch());
        assertThat(resumed.bestLoss()).isEqualTo(first.bestLoss());
        assertThat(checkpoint).isEqualTo(first.checkpoint());
        List<EpochReport> seen = new ArrayList<>();
        resumed.advance(8, seen::add);
        assertThat(seen).extracting(EpochReport::epoch).containsExactly(4, 5, 6, 7, 8);
        assertThat(resumed.finish().network()).isEqualTo(oneGo.network());

        // a fine-tuning too, where the start competes
        TrainedModel tunedOneGo = LEARNER.fineTune(data, oneGo.network(), HP, EpochListener.NONE);
        Training tuning = LEARNER.resume(data, oneGo.network(), HP);
        tuning.advance(2, EpochListener.NONE);
        Training tuningResumed = LEARNER.restore(data, HP, tuning.checkpoint());
        tuningResumed.advance(HP.maxEpochs(), EpochListener.NONE);
        assertThat(tuningResumed.finish().network()).isEqualTo(tunedOneGo.network());
    }

    @Test
    void aCheckpointThatIsNotOneIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LEARNER.restore(data, HP, model.network()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a training checkpoint");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LEARNER.restore(data, HP, new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
