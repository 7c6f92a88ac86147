package io.driftloop.dataprep.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of data-prep, under {@code driftloop.data-prep}. */
@ConfigMapping(prefix = "driftloop.data-prep")
public interface DataPrepConfig {

    /** How long an inference waits for its feedback (and the reverse) before it is dropped (and
     * counted); requests joined are remembered for two of them, to ignore redelivered events. */
    @WithDefault("PT24H")
    Duration joinTtl();

    /** How long a retrain request waits for enough labelled examples before it is dead-lettered. */
    @WithDefault("PT30M")
    Duration requestTimeout();
}
