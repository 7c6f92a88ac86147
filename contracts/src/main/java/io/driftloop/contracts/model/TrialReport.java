package io.driftloop.contracts.model;

import java.util.List;
import java.util.Map;

/**
 * What a training search did for one dataset, stored as an artifact (format {@value #FORMAT}, JSON)
 * and referenced from {@code ModelTrained.trialReport}: the search's settings, the rung schedule,
 * every trial's configuration, rung scores and curve, the winner and why. Scores are on the
 * validation split only (the mean over folds with cross-validation); the test split is never read.
 *
 * @param model       the model
 * @param datasetId   the dataset searched on
 * @param specHash    the spec it was searched under
 * @param codeVersion the trainer's code version
 * @param search      the search's settings as applied ({@code trials, eta, minEpochs, maxEpochs, folds,
 *                    maxDuration, baseline}, and the grid)
 * @param rungs       epochs each rung trains its trials to, first rung first
 * @param cut         why the search stopped before its last rung (the time cap), null when it ran out
 * @param seconds     wall time of the whole search
 * @param epochs      epochs trained over all trials (the search's cost)
 * @param winner      the candidate id handed to the evaluator
 * @param selection   the rule that chose it
 * @param trials      every trial, the baseline first and a warm start last
 */
public record TrialReport(String model, String datasetId, String specHash, String codeVersion,
                          Map<String, Object> search, List<Integer> rungs, String cut, double seconds, int epochs,
                          String winner, String selection, List<Trial> trials) {

    public static final String FORMAT = "trial-report-json";

    /**
     * One trial.
     *
     * @param index           its place in the search (0: the baseline when there is one)
     * @param candidateId     the candidate it would be
     * @param kind            baseline, from-scratch or warm-start
     * @param hyperparameters what was configured, with epochs run and kept
     * @param status          {@code finished} (ran to the last rung or stopped early within it),
     *                        {@code stopped at rung k} (halved away), {@code diverged} (loss not finite),
     *                        {@code not run} (the time cap)
     * @param rungs           its validation score at each rung it reached
     * @param curve           every epoch (with folds: the first fold's)
     * @param validation      {@code loss}, {@code accuracy}, {@code rows} at its best epoch
     * @param seconds         its training time
     * @param chosen          whether it is the candidate handed on
     * @param note            how it fared, in words
     */
    public record Trial(int index, String candidateId, String kind, Map<String, Object> hyperparameters, String status,
                        List<RungScore> rungs, List<Epoch> curve, Map<String, Double> validation, double seconds,
                        boolean chosen, String note) {
    }

    /** A trial's score when its rung ended: the lowest validation loss so far and that epoch's accuracy. */
    public record RungScore(int rung, int epochs, Double validationLoss, Double validationAccuracy) {
    }

    /** One epoch of a trial, with its per-layer diagnostics (may be null). */
    public record Epoch(int epoch, double trainLoss, Double validationLoss, Double validationAccuracy,
                        List<io.driftloop.contracts.events.LayerDiagnostics> layers) {
    }
}
