package io.driftloop.trainer.domain;

/**
 * Fits a binary classifier. The network's output for a row is two probabilities, column 1 being
 * P(label = 1). Implementations must be deterministic: the same data and hyperparameters
 * (seed included) give the same network bytes.
 */
public interface Learner {

    /**
     * Trains with early stopping on the validation loss (the training loss when there are no
     * validation rows) and returns the parameters of the best epoch.
     */
    TrainedModel fit(TrainingData data, Hyperparameters hyperparameters, EpochListener listener);

    /**
     * Continues training {@code network} (as this learner serialises it, its input already the width
     * of {@code data}) with {@code hyperparameters}' learning rate, epochs, patience, batch size and
     * seed; its layers stay as they are. Early stopping as {@link #fit}; the best epoch may be the
     * starting point itself (epoch 0) when no epoch improves on it.
     */
    TrainedModel fineTune(TrainingData data, byte[] network, Hyperparameters hyperparameters, EpochListener listener);
}
