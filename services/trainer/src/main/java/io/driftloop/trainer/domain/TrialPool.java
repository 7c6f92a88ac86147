package io.driftloop.trainer.domain;

import java.util.Map;

/**
 * Where a search's trials are trained when not in this thread: the trainer group. {@link #train}
 * returns once every trial named has a checkpoint labelled with its epoch in the search's
 * {@link Checkpoints}, whoever trained it.
 */
public interface TrialPool {

    /**
     * Has each trial of {@code epochs} (trial id → epoch, in the order to ask) trained to its epoch,
     * each from its latest checkpoint, and waits for them.
     */
    void train(Map<String, Integer> epochs);
}
