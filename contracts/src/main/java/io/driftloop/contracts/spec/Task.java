package io.driftloop.contracts.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a model predicts. Only binary classification is trained today. */
public enum Task {
    @JsonProperty("binary-classification") BINARY_CLASSIFICATION,
    @JsonProperty("multiclass-classification") MULTICLASS_CLASSIFICATION,
    @JsonProperty("regression") REGRESSION
}
