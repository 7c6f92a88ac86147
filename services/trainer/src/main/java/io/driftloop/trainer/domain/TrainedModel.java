package io.driftloop.trainer.domain;

/**
 * The result of a learner: the network with the parameters of its best epoch, serialised so that
 * equal training gives equal bytes, and what the run did.
 *
 * @param network          the serialised network (for DL4J: {@code ModelSerializer} zip, no updater state)
 * @param epochsRun        epochs trained before stopping
 * @param bestEpoch        epoch whose parameters were kept, from 1
 * @param trainLoss        training loss at the best epoch
 * @param validationLoss   validation loss at the best epoch, null without validation rows
 * @param validationScores P(label = 1) of every validation row under the kept parameters, in row order
 */
public record TrainedModel(byte[] network, int epochsRun, int bestEpoch, double trainLoss, Double validationLoss,
                           float[] validationScores) {
}
