package io.driftloop.trainer.domain;

/** Told about every finished epoch, on the training thread; a thrown exception aborts the run. */
@FunctionalInterface
public interface EpochListener {

    EpochListener NONE = report -> { };

    void onEpoch(EpochReport report);
}
