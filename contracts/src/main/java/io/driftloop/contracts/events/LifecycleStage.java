package io.driftloop.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Stages of a model version in the registry. */
public enum LifecycleStage {
    @JsonProperty("candidate") CANDIDATE,
    @JsonProperty("passed") PASSED,
    @JsonProperty("failed") FAILED,
    @JsonProperty("champion") CHAMPION,
    @JsonProperty("archived") ARCHIVED
}
