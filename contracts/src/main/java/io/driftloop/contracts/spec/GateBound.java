package io.driftloop.contracts.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a threshold is held against: the point estimate, or the conservative end of its confidence
 * interval. The interval is the two-sided bootstrap percentile interval at {@code gates.confidence}
 * (the α/2 and 1 − α/2 quantiles, α = 1 − confidence), so holding one of its ends is a one-sided
 * bound at (1 + confidence) / 2: with confidence 0.95 the lower end is a 97.5% one-sided lower bound.
 */
public enum GateBound {
    @JsonProperty("point") POINT,
    /**
     * The lower end for a minimum, a non-inferiority, a superiority or a beats-baseline gate and a
     * fairness ratio, the upper end for a maximum and a fairness difference, of the two-sided bootstrap
     * interval at the spec's confidence.
     */
    @JsonProperty("interval") INTERVAL
}
