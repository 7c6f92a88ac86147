package io.driftloop.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the registry, under {@code driftloop.registry}. */
@ConfigMapping(prefix = "driftloop.registry")
public interface RegistryConfig {

    /**
     * How long an evaluation of a candidate not yet recorded waits for the candidate's trained
     * event before it is dead-lettered. Its offset is committed only once it is decided.
     */
    @WithDefault("PT30S")
    Duration pendingEvaluationWait();

    /** How long {@code PUT /api/models/{name}} waits for the published spec to be readable back. */
    @WithDefault("PT5S")
    Duration specReadBackWait();

    /**
     * How long a decision waits to read its own lifecycle event back from ct.model.lifecycle.v1
     * (to learn whether it won its position) before it fails and is retried.
     */
    @WithDefault("PT30S")
    Duration readBackWait();

    /**
     * This instance's name in the lifecycle events it writes ({@code writer}); by default the host
     * name and a random suffix, new on every start. Give each running instance its own.
     */
    Optional<String> instanceId();
}
