package io.driftloop.trainer.domain;

import java.util.Optional;

/**
 * Where trials keep their checkpoints, so that a trainer killed mid-search loses only the work
 * since each trial's last one. A checkpoint is labelled with the epoch its trial was advanced to.
 */
public interface Checkpoints {

    /** Keeps {@code checkpoint} of trial {@code trialId} (a candidate id) advanced to {@code epoch}. */
    void save(String trialId, int epoch, byte[] checkpoint);

    /** The trial's checkpoint with the highest epoch at most {@code atMost}, if there is one. */
    Optional<Saved> latest(String trialId, int atMost);

    /** A stored checkpoint. */
    record Saved(int epoch, byte[] bytes) {
    }

    /** Keeps nothing. */
    Checkpoints NONE = new Checkpoints() {
        @Override
        public void save(String trialId, int epoch, byte[] checkpoint) {
        }

        @Override
        public Optional<Saved> latest(String trialId, int atMost) {
            return Optional.empty();
        }
    };
}
