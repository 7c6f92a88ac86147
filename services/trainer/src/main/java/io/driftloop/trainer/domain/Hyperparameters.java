package io.driftloop.trainer.domain;

import io.driftloop.contracts.spec.ClassWeights;
import io.driftloop.contracts.spec.TrainingSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The knobs of one training run, taken from a spec's {@link TrainingSpec} (defaults filled in) or
 * drawn by a search. Immutable.
 *
 * @param hiddenLayers widths of the hidden dense layers (ReLU), input side first; none: the softmax
 *                     output layer alone, a logistic regression
 * @param learningRate Adam learning rate, in (0, 1)
 * @param batchSize    rows per minibatch, at least 1
 * @param maxEpochs    epochs at most, at least 1
 * @param patience     epochs without a lower validation loss before training stops, at least 1
 * @param seed         seed of weight initialisation, of the per-epoch shuffle and of dropout
 * @param l2           L2 penalty on the weights, in [0, 1)
 * @param dropout      dropout rate of each hidden layer's output, in [0, 1)
 * @param classWeights how the classes are weighted in the losses
 */
public record Hyperparameters(List<Integer> hiddenLayers, double learningRate, int batchSize, int maxEpochs,
                              int patience, long seed, double l2, double dropout, ClassWeights classWeights) {

    public Hyperparameters {
        hiddenLayers = List.copyOf(hiddenLayers);
        if (hiddenLayers.stream().anyMatch(w -> w <= 0)) {
            throw new IllegalArgumentException("hiddenLayers must list positive widths, was " + hiddenLayers);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("learningRate must be within (0, 1), was " + learningRate);
        }
        if (batchSize < 1 || maxEpochs < 1 || patience < 1) {
            throw new IllegalArgumentException("batchSize, maxEpochs and patience must be positive, were "
                    + batchSize + ", " + maxEpochs + ", " + patience);
        }
        if (!(l2 >= 0 && l2 < 1) || !(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("l2 and dropout must be within [0, 1), were " + l2 + ", " + dropout);
        }
        if (classWeights == null) {
            throw new IllegalArgumentException("classWeights is required");
        }
    }

    /** Plain training: no L2, no dropout, unweighted classes. */
    public Hyperparameters(List<Integer> hiddenLayers, double learningRate, int batchSize, int maxEpochs, int patience,
                           long seed) {
        this(hiddenLayers, learningRate, batchSize, maxEpochs, patience, seed, 0, 0, ClassWeights.NONE);
    }

    /** The spec's own recipe. */
    public static Hyperparameters of(TrainingSpec training) {
        return new Hyperparameters(training.hiddenLayers(), training.learningRate(), training.batchSize(),
                training.maxEpochs(), training.patience(), training.seed(), training.l2(), training.dropout(),
                training.classWeights());
    }

    public Hyperparameters withHiddenLayers(List<Integer> layers) {
        return new Hyperparameters(layers, learningRate, batchSize, maxEpochs, patience, seed, l2, dropout, classWeights);
    }

    public Hyperparameters withLearningRate(double rate) {
        return new Hyperparameters(hiddenLayers, rate, batchSize, maxEpochs, patience, seed, l2, dropout, classWeights);
    }

    public Hyperparameters withEpochs(int epochs) {
        return new Hyperparameters(hiddenLayers, learningRate, batchSize, epochs, patience, seed, l2, dropout,
                classWeights);
    }

    /**
     * The configured values, as they name a candidate: {@code hiddenLayers, learningRate, batchSize,
     * maxEpochs, patience}, and {@code l2, dropout, classWeights} when they are not the plain
     * defaults (so a plain recipe keeps its name). The seed is named separately.
     */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("hiddenLayers", hiddenLayers);
        map.put("learningRate", learningRate);
        map.put("batchSize", batchSize);
        map.put("maxEpochs", maxEpochs);
        map.put("patience", patience);
        if (l2 > 0) {
            map.put("l2", l2);
        }
        if (dropout > 0) {
            map.put("dropout", dropout);
        }
        if (classWeights != ClassWeights.NONE) {
            map.put("classWeights", classWeights == ClassWeights.AUTO ? "auto" : classWeights.name());
        }
        return map;
    }

    /** {@link #asMap()} plus what the run did with them: {@code epochsRun} and {@code bestEpoch}. */
    public Map<String, Object> asMap(int epochsRun, int bestEpoch) {
        Map<String, Object> map = asMap();
        map.put("epochsRun", epochsRun);
        map.put("bestEpoch", bestEpoch);
        return map;
    }
}
