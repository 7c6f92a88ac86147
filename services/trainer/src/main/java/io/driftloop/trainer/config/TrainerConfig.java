package io.driftloop.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the trainer, under {@code driftloop.trainer}. */
@ConfigMapping(prefix = "driftloop.trainer")
public interface TrainerConfig {

    /**
     * Version of the training code; part of every candidate id, so a new version trains anew on a
     * dataset an older one already trained on. Defaults to the application version.
     */
    @WithDefault("${quarkus.application.version}")
    String codeVersion();

    /**
     * Native threads ND4J may use (OpenMP and BLAS) for the whole process; 0 keeps ND4J's default
     * of one per core. Small networks train fastest on one.
     */
    @WithDefault("1")
    int threads();

    /** Candidate ids remembered to recognise a dataset that was already trained on. */
    @WithDefault("10000")
    int candidatesRemembered();

    /**
     * A search trial saves a checkpoint every this many epochs, and at the end of each rung; a
     * trainer killed mid-search goes on from the trials' latest checkpoints. 0: at rung ends only.
     */
    @WithDefault("5")
    int checkpointEvery();

    /**
     * Whether a search's trials are spread over the trainer group (as requests on
     * ct.training.trials.v1, taken by whichever member is free) rather than trained by the member
     * that took the dataset. The result is the same network either way.
     */
    @WithDefault("true")
    boolean distributed();

    /** How long a search waits for the trainer group to train the trials of one stage. */
    @WithDefault("PT30M")
    java.time.Duration trialTimeout();

    /** How long the first dataset waits for the list of already trained candidates to be read. */
    @WithDefault("PT30S")
    java.time.Duration catchUpTimeout();
}
