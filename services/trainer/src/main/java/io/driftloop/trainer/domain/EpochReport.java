package io.driftloop.trainer.domain;

/**
 * One finished epoch.
 *
 * @param epoch          the epoch, from 1
 * @param maxEpochs      the run's upper bound
 * @param trainLoss      mean loss over the training rows after the epoch
 * @param validationLoss mean loss over the validation rows after the epoch, null without validation rows
 * @param best           whether this epoch has the lowest monitored loss so far
 */
public record EpochReport(int epoch, int maxEpochs, double trainLoss, Double validationLoss, boolean best) {
}
