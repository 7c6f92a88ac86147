package io.driftloop.contracts.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum FeatureType {
    @JsonProperty("numeric") NUMERIC,
    @JsonProperty("categorical") CATEGORICAL
}
