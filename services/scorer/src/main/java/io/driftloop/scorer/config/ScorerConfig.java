package io.driftloop.scorer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Settings of the scorer, under {@code driftloop.scorer}. */
@ConfigMapping(prefix = "driftloop.scorer")
public interface ScorerConfig {

    /** Models to serve (comma-separated); absent serves every model promoted on the topic. */
    Optional<List<String>> models();

    /** Model of a request that names none; absent means the one model served, if there is exactly one. */
    Optional<String> defaultModel();

    /**
     * Whether readiness also needs a model serving for every name in {@link #models()}; by default
     * the scorer is ready once it has read the promotions topic (and answers 503 until a first model).
     */
    @WithDefault("false")
    boolean readyRequiresModel();
}
