package io.driftloop.trainer.domain;

/**
 * A network being trained, one epoch at a time, with early stopping: a search advances many of
 * them rung by rung; advancing one to epoch 12 in steps gives the same network as in one go. Not
 * thread-safe.
 */
public interface Training {

    /**
     * Trains on until {@code epoch} epochs are done, or early stopping or a loss that is not a finite
     * number stops it; returns whether it may go on.
     */
    boolean advance(int epoch, EpochListener listener);

    /** Epochs trained so far. */
    int epochs();

    /** The epoch with the lowest monitored loss (0: the starting point of a fine-tuning, or none yet). */
    int bestEpoch();

    /** The lowest monitored loss so far: validation loss, or training loss without validation rows. */
    double bestLoss();

    /** Validation accuracy at the best epoch, null without validation rows or before any epoch. */
    Double bestValidationAccuracy();

    /** Why it stopped: null while it may go on, else e.g. "patience", "maxEpochs" or a divergence. */
    String stopReason();

    /** Whether it stopped because its loss was not a finite number. */
    boolean diverged();

    /** The parameters of the best epoch, serialised; ends the training. */
    TrainedModel finish();

    /**
     * Everything needed to go on later from here, in the learner's own format: the network with its
     * optimiser state, the best epoch's parameters and the early-stopping bookkeeping. Random streams
     * are not saved: they are derived from the seed and the epoch. {@link Learner#restore} of these
     * bytes, advanced further, gives the same network as this training advanced further.
     */
    byte[] checkpoint();
}
