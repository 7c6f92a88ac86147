package io.driftloop.trainer.domain;

import java.util.List;

/**
 * Where a search's trials are trained when not in this thread: the trainer group. {@link #train}
 * returns once every trial named has a checkpoint labelled {@code epoch} in the search's
 * {@link Checkpoints}, whoever trained it.
 */
public interface TrialPool {

    /** Has {@code trialIds} trained to {@code epoch} (each from its latest checkpoint) and waits for them. */
    void train(List<String> trialIds, int epoch);
}
