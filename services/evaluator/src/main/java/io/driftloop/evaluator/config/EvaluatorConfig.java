package io.driftloop.evaluator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the evaluator, under {@code driftloop.evaluator}. Gate thresholds come from each model's spec. */
@ConfigMapping(prefix = "driftloop.evaluator")
public interface EvaluatorConfig {

    /**
     * Groups of a sensitive attribute with fewer test rows than this are reported in the fairness
     * gate's detail but do not count towards the demographic parity difference.
     */
    @WithDefault("20")
    int minGroupSize();

    /** Candidate ids remembered to ignore a redelivered {@code ModelTrained}. */
    @WithDefault("10000")
    int evaluatedRemembered();
}
