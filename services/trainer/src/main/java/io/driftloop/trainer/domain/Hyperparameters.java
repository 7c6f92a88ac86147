package io.driftloop.trainer.domain;

import io.driftloop.contracts.spec.TrainingSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The knobs of one training run, taken from a spec's {@link TrainingSpec} (defaults filled in).
 * Immutable.
 *
 * @param hiddenLayers widths of the hidden dense layers (ReLU), input side first; none: the softmax
 *                     output layer alone, a logistic regression
 * @param learningRate Adam learning rate, in (0, 1)
 * @param batchSize    rows per minibatch, at least 1
 * @param maxEpochs    epochs at most, at least 1
 * @param patience     epochs without a lower validation loss before training stops, at least 1
 * @param seed         seed of weight initialisation and of the per-epoch shuffle
 */
public record Hyperparameters(List<Integer> hiddenLayers, double learningRate, int batchSize, int maxEpochs,
                              int patience, long seed) {

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
    }

    public static Hyperparameters of(TrainingSpec training) {
        return new Hyperparameters(training.hiddenLayers(), training.learningRate(), training.batchSize(),
                training.maxEpochs(), training.patience(), training.seed());
    }

    /**
     * The configured values, as they name a candidate: {@code hiddenLayers, learningRate,
     * batchSize, maxEpochs, patience}. The seed is named separately.
     */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("hiddenLayers", hiddenLayers);
        map.put("learningRate", learningRate);
        map.put("batchSize", batchSize);
        map.put("maxEpochs", maxEpochs);
        map.put("patience", patience);
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
