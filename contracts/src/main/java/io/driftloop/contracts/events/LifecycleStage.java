package io.driftloop.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Kinds of change on {@code ct.model.lifecycle.v1}: the stages of a model version in the registry,
 * and the setting or removal of a user-defined alias (then {@code alias} names it and {@code version}
 * is the version it points, or pointed, to).
 */
public enum LifecycleStage {
    @JsonProperty("candidate") CANDIDATE,
    @JsonProperty("passed") PASSED,
    @JsonProperty("failed") FAILED,
    @JsonProperty("champion") CHAMPION,
    @JsonProperty("archived") ARCHIVED,
    @JsonProperty("alias-set") ALIAS_SET,
    @JsonProperty("alias-removed") ALIAS_REMOVED
}
