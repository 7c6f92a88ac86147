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

    /** How long a decision waits on start for the request history and the example counts to be read. */
    @WithDefault("PT30S")
    Duration catchUpTimeout();

    /**
     * How often open windows and trigger state are checkpointed to ct.drift.state.v1 and the
     * inference positions committed; a killed detector re-reads at most this much of the stream.
     */
    @WithDefault("PT5S")
    Duration checkpointInterval();

    /**
     * KLL parameter of the numeric sketches of a window: exact up to this many values per feature,
     * beyond that a rank error of about 0.27% (k = 1024); memory per feature about 8·k bytes at most a few times over.
     */
    @WithDefault("1024")
    int sketchK();

    /**
     * Concept-drift detector of each champion's error stream (labelled examples it predicted):
     * {@code adwin} (δ 0.002), {@code page-hinkley} or {@code ddm}, each with MOA's defaults.
     */
    @WithDefault("adwin")
    String conceptDetector();

    /** Reference profiles kept in memory, by SHA-256. */
    @WithDefault("64")
    int profileCacheSize();
}
