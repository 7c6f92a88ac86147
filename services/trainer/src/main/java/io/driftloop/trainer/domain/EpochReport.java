package io.driftloop.trainer.domain;

/**
 * One finished epoch.
 *
 * @param epoch          the epoch, from 1
 * @param maxEpochs      the run's upper bound
 * @param trainLoss      mean loss over the training rows after the epoch
 * @param validationLoss mean loss over the validation rows after the epoch, null without validation rows
 * @param best           whether this epoch has the lowest monitored loss so far
 * @param validationAccuracy share of validation rows whose P(label = 1) ≥ 0.5 matches their label
 *                           (unweighted), null without validation rows
 */
public record EpochReport(int epoch, int maxEpochs, double trainLoss, Double validationLoss, boolean best,
                          Double validationAccuracy) {

    /** A report without validation accuracy. */
    public EpochReport(int epoch, int maxEpochs, double trainLoss, Double validationLoss, boolean best) {
        this(epoch, maxEpochs, trainLoss, validationLoss, best, null);
    }
}
