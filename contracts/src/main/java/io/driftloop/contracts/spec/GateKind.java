package io.driftloop.contracts.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a quality gate holds the candidate's metric. "With the spec's confidence" means on the
 * conservative end of the two-sided bootstrap interval at {@code gates.confidence}
 * ({@link GateBound#INTERVAL}, the default of non-inferiority and superiority), which is a
 * one-sided bound at (1 + confidence) / 2.
 */
public enum GateKind {
    /** The candidate's metric is at least {@code threshold} (metrics where higher is better). */
    @JsonProperty("minimum") MINIMUM,
    /** The candidate's metric is at most {@code threshold} (log loss, Brier score, ECE). */
    @JsonProperty("maximum") MAXIMUM,
    /**
     * Candidate − champion (same test rows, paired bootstrap) is better than −{@code margin} with the
     * spec's confidence: the candidate is not worse by more than the margin. Skipped, and said so, when
     * there is no champion.
     */
    @JsonProperty("non-inferiority") NON_INFERIORITY,
    /**
     * Candidate − champion is better than +{@code margin} (default 0) with the spec's confidence.
     * Skipped, and said so, when there is no champion.
     */
    @JsonProperty("superiority") SUPERIORITY,
    /**
     * The candidate beats the trivial baseline on the same rows: the majority class for accuracy-like
     * metrics, the training prior as a constant score for probability metrics.
     */
    @JsonProperty("beats-baseline") BEATS_BASELINE
}
