package io.driftloop.contracts.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a threshold is held against: the point estimate, or the conservative end of its confidence interval. */
public enum GateBound {
    @JsonProperty("point") POINT,
    /** The lower end for a minimum, the upper end for a maximum (of the bootstrap interval at the spec's confidence). */
    @JsonProperty("interval") INTERVAL
}
