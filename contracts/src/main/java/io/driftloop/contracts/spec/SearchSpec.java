package io.driftloop.contracts.spec;

import java.time.Duration;
import java.util.List;

/**
 * The trainer's configuration search, under {@code training.search}: a logistic-regression
 * baseline first, then {@code trials} configurations (the spec's own recipe first, the rest drawn
 * without replacement from the grid below with the spec's seed) raced by successive halving with
 * synchronous rungs: every trial trains {@code minEpochs}, the best 1/{@code eta} on validation loss
 * go on to {@code minEpochs·eta} epochs, and so on until one is left, which trains on to
 * {@code training.maxEpochs}. Early stopping ({@code training.patience}) applies within each trial.
 * The same spec and dataset give the same trials, the same winner and the same bytes.
 *
 * @param trials       configurations raced, the spec's own recipe included (default 9; 1 trains the recipe alone)
 * @param eta          the halving factor: a rung keeps the best 1/eta of its trials (default 3)
 * @param minEpochs    epochs of the first rung (default 4)
 * @param hiddenLayers architectures to draw from (default [[16], [32, 16], [64, 32]])
 * @param learningRate Adam learning rates to draw from (default [0.005, 0.01, 0.02, 0.05])
 * @param batchSize    minibatch sizes to draw from (default: the spec's {@code training.batchSize} alone)
 * @param l2           L2 penalties on the weights to draw from (default [0, 0.0001, 0.001])
 * @param dropout      dropout rates of the hidden layers' outputs to draw from (default [0, 0.1])
 * @param folds        0 (default): select on the validation split; k ≥ 2: k-fold cross-validation over
 *                     train ∪ validation, each trial scored by its folds' mean validation loss, the
 *                     winner refit on both (for small datasets)
 * @param maxDuration  a safety cap on the search's wall time (default PT10M): once passed no further
 *                     rung starts, the best trial so far wins, and the cut is recorded in the lineage
 * @param baseline     train the logistic-regression baseline first (default true); it competes in
 *                     the final choice
 */
public record SearchSpec(Integer trials, Integer eta, Integer minEpochs, List<List<Integer>> hiddenLayers,
                         List<Double> learningRate, List<Integer> batchSize, List<Double> l2, List<Double> dropout,
                         Integer folds, Duration maxDuration, Boolean baseline) {

    public static final SearchSpec DEFAULTS = new SearchSpec(9, 3, 4, List.of(List.of(16), List.of(32, 16),
            List.of(64, 32)), List.of(0.005, 0.01, 0.02, 0.05), null, List.of(0.0, 0.0001, 0.001), List.of(0.0, 0.1),
            0, Duration.ofMinutes(10), true);

    SearchSpec withBatchSize(List<Integer> sizes) {
        return new SearchSpec(trials, eta, minEpochs, hiddenLayers, learningRate, sizes, l2, dropout, folds,
                maxDuration, baseline);
    }

    /** Defaults filled in; an absent batchSize list becomes {@code [specBatchSize]}. */
    SearchSpec withDefaults(int specBatchSize) {
        return new SearchSpec(trials == null ? DEFAULTS.trials : trials,
                eta == null ? DEFAULTS.eta : eta,
                minEpochs == null ? DEFAULTS.minEpochs : minEpochs,
                hiddenLayers == null ? DEFAULTS.hiddenLayers : hiddenLayers.stream().map(List::copyOf).toList(),
                learningRate == null ? DEFAULTS.learningRate : List.copyOf(learningRate),
                batchSize == null ? List.of(specBatchSize) : List.copyOf(batchSize),
                l2 == null ? DEFAULTS.l2 : List.copyOf(l2),
                dropout == null ? DEFAULTS.dropout : List.copyOf(dropout),
                folds == null ? DEFAULTS.folds : folds,
                maxDuration == null ? DEFAULTS.maxDuration : maxDuration,
                baseline == null ? DEFAULTS.baseline : baseline);
    }
}
