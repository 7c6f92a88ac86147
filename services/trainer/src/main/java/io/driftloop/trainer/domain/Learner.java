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
}
