package io.driftloop.trainer.domain;

import io.driftloop.contracts.InvalidEventException;

/**
 * Fits a binary classifier. The network's output for a row is two probabilities, column 1 being
 * P(label = 1). Implementations must be deterministic: the same data and hyperparameters
 * (seed included) give the same network bytes, however the epochs are split into
 * {@link Training#advance} steps and whatever else is trained in between on the same thread.
 */
public interface Learner {

    /** A new network for {@code data}'s width, ready to train with early stopping on the validation loss. */
    Training start(TrainingData data, Hyperparameters hyperparameters);

    /**
     * Continues training {@code network} (as this learner serialises it, its input already the width
     * of {@code data}) with {@code hyperparameters}' learning rate, epochs, patience, batch size and
     * seed; its layers stay as they are. The best epoch may be the starting point itself (epoch 0)
     * when no epoch improves on it.
     */
    Training resume(TrainingData data, byte[] network, Hyperparameters hyperparameters);

    /** A training resumed from {@link Training#checkpoint} bytes, on the same data and hyperparameters. */
    Training restore(TrainingData data, Hyperparameters hyperparameters, byte[] checkpoint);

    /**
     * Trains to {@code maxEpochs} with early stopping and returns the parameters of the best epoch;
     * throws {@code InvalidEventException} when no epoch had a finite loss.
     */
    default TrainedModel fit(TrainingData data, Hyperparameters hyperparameters, EpochListener listener) {
        Training training = start(data, hyperparameters);
        training.advance(hyperparameters.maxEpochs(), listener);
        if (training.bestEpoch() == 0) {
            // deterministic: the same dataset and spec diverge again, so retrying cannot help
            throw new InvalidEventException("training diverged: no epoch of "
                    + training.epochs() + " had a finite loss (" + training.stopReason()
                    + "); lower training.learningRate in the spec");
        }
        return training.finish();
    }

    /** {@link #resume} trained to {@code maxEpochs} with early stopping; the start itself competes. */
    default TrainedModel fineTune(TrainingData data, byte[] network, Hyperparameters hyperparameters,
                                  EpochListener listener) {
        Training training = resume(data, network, hyperparameters);
        training.advance(hyperparameters.maxEpochs(), listener);
        return training.finish();
    }
}
