package io.driftloop.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * The drift statistics of one window of {@code ct.inference.v1} against the champion's reference
 * profile, on {@code ct.drift.stats.v1}. {@code drifted} is the dataset-level decision: the share
 * of drifted features reached {@code threshold}.
 */
public record DriftStats(
        String eventId,
        String model,
        Integer championVersion,
        Instant windowStart,
        Instant windowEnd,
        int sampleSize,
        List<FeatureDrift> features,
        double shareDrifted,
        double threshold,
        boolean drifted,
        Instant computedAt) {
}
