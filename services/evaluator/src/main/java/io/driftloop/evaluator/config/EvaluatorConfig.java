package io.driftloop.evaluator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the evaluator, under {@code driftloop.evaluator}. Gates, confidence, bootstrap
 * resamples and minimum slice and group sizes come from each model's spec ({@code gates}).
 */
@ConfigMapping(prefix = "driftloop.evaluator")
public interface EvaluatorConfig {

    /** Candidate ids remembered to ignore a redelivered {@code ModelTrained}. */
    @WithDefault("10000")
    int evaluatedRemembered();
}
