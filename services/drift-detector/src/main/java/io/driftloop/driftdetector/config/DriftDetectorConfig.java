package io.driftloop.driftdetector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of the drift-detector, under {@code driftloop.drift-detector}. Window size, p-value,
 * share threshold, cooldown and example counts are per model, in the spec's {@code drift} section.
 */
@ConfigMapping(prefix = "driftloop.drift-detector")
public interface DriftDetectorConfig {

    /** Seed of the random generator the KS test may draw from: the same seed gives the same p-values. */
    @WithDefault("1")
    long seed();

    /** How long a decision waits on start for the request history and the example counts to be read. */
    @WithDefault("PT30S")
    Duration catchUpTimeout();

    /** Reference profiles kept in memory, by SHA-256. */
    @WithDefault("64")
    int profileCacheSize();
}
