package io.driftloop.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * The drift statistics of one window of {@code ct.inference.v1} against the champion's reference
 * profile, on {@code ct.drift.stats.v1}. {@code drifted} is the dataset-level decision: the share
 * of drifted features reached {@code threshold}. {@code correction} names the multiple-testing
 * correction applied to the features' p-values ({@code benjamini-hochberg}, {@code bonferroni} or
 * {@code none}; absent in events written before the correction existed).
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
        Instant computedAt,
        String correction) {
}
