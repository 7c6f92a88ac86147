package io.driftloop.contracts.spec;

import java.util.List;

/**
 * How the trainer fits a candidate.
 *
 * @param hiddenLayers       widths of the hidden dense layers; none: a logistic regression
 * @param learningRate       Adam learning rate
 * @param maxEpochs          upper bound on epochs
 * @param patience           epochs without validation improvement before early stopping
 * @param batchSize          minibatch size
 * @param seed               seed of weight initialisation and shuffling
 * @param maxExamples        the newest examples a dataset keeps at most, unless more are needed for every gate
 *                           to decide (see {@code gates}): then the sized number
 * @param validationFraction share of rows in the validation split
 * @param testFraction       share of rows in the test split
 * @param dataDeadline       how long data-prep waits for the examples a dataset is sized to; at the deadline it
 *                           cuts what there is (default PT5M, shorter than {@code drift.inFlightTimeout})
 * @param warmStart          besides the from-scratch candidate, fine-tune the champion's network with its own
 *                           feature encoding when the spec's features still match it (default true)
 * @param warmStartLearningRate Adam learning rate of the fine-tuning (default 0.002)
 * @param warmStartEpochs    epochs of the fine-tuning at most (default 15; early stopping with {@code patience})
 * @param data               which examples a retraining learns from ({@link DataSpec}; default post-drift)
 * @param l2                 L2 penalty on the weights (default 0)
 * @param dropout            dropout rate of the hidden layers' outputs, in [0, 1) (default 0)
 * @param classWeights       none (default) or auto: inverse class frequency ({@link ClassWeights})
 * @param search             the configuration search ({@link SearchSpec}; default: baseline and 9 trials)
 */
public record TrainingSpec(
        List<Integer> hiddenLayers,
        Double learningRate,
        Integer maxEpochs,
        Integer patience,
        Integer batchSize,
        Long seed,
        Integer maxExamples,
        Double validationFraction,
        Double testFraction,
        java.time.Duration dataDeadline,
        Boolean warmStart,
        Double warmStartLearningRate,
        Integer warmStartEpochs,
        DataSpec data,
        Double l2,
        Double dropout,
        ClassWeights classWeights,
        SearchSpec search) {

    /**
     * The defaults. Minibatches of 256 at Adam 0.02 rather than 64 at 0.01: DL4J's cost is per
     * minibatch, not per row, so a quarter of the calls fit 2.3 times faster, and on the generated
     * table and the three public datasets of scripts/bench-training they reached the same or a better
     * validation accuracy and AUC. The warm start's rate doubles with them.
     */
    public static final TrainingSpec DEFAULTS = new TrainingSpec(List.of(32, 16), 0.02, 40, 5, 256, 42L, 5000, 0.15, 0.15,
            java.time.Duration.ofMinutes(5), true, 0.002, 15, DataSpec.DEFAULTS, 0.0, 0.0, ClassWeights.NONE,
            SearchSpec.DEFAULTS.withDefaults(256));

    /** The settings that predate dataset sizing; the deadline is left to its default. */
    public TrainingSpec(List<Integer> hiddenLayers, Double learningRate, Integer maxEpochs, Integer patience,
                        Integer batchSize, Long seed, Integer maxExamples, Double validationFraction,
                        Double testFraction) {
        this(hiddenLayers, learningRate, maxEpochs, patience, batchSize, seed, maxExamples, validationFraction,
                testFraction, null, null, null, null, null, null, null, null, null);
    }

    TrainingSpec withDefaults() {
        return new TrainingSpec(
                hiddenLayers == null ? DEFAULTS.hiddenLayers : List.copyOf(hiddenLayers),
                learningRate == null ? DEFAULTS.learningRate : learningRate,
                maxEpochs == null ? DEFAULTS.maxEpochs : maxEpochs,
                patience == null ? DEFAULTS.patience : patience,
                batchSize == null ? DEFAULTS.batchSize : batchSize,
                seed == null ? DEFAULTS.seed : seed,
                maxExamples == null ? DEFAULTS.maxExamples : maxExamples,
                validationFraction == null ? DEFAULTS.validationFraction : validationFraction,
                testFraction == null ? DEFAULTS.testFraction : testFraction,
                dataDeadline == null ? DEFAULTS.dataDeadline : dataDeadline,
                warmStart == null ? DEFAULTS.warmStart : warmStart,
                warmStartLearningRate == null ? DEFAULTS.warmStartLearningRate : warmStartLearningRate,
                warmStartEpochs == null ? DEFAULTS.warmStartEpochs : warmStartEpochs,
                data == null ? DEFAULTS.data : data.withDefaults(),
                l2 == null ? DEFAULTS.l2 : l2,
                dropout == null ? DEFAULTS.dropout : dropout,
                classWeights == null ? DEFAULTS.classWeights : classWeights,
                (search == null ? SearchSpec.DEFAULTS.withBatchSize(null) : search)
                        .withDefaults(batchSize == null ? DEFAULTS.batchSize : batchSize));
    }
}
