package io.driftloop.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a retraining was requested. */
public enum RetrainTrigger {
    /** The spec has no champion yet and enough labelled examples exist. */
    @JsonProperty("bootstrap") BOOTSTRAP,
    /** The share of drifted features passed the spec's threshold. */
    @JsonProperty("drift") DRIFT,
    /** An operator asked for it. */
    @JsonProperty("manual") MANUAL,
    /** The champion reached its maximum age. */
    @JsonProperty("schedule") SCHEDULE
}
