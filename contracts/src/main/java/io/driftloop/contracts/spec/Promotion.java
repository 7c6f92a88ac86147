package io.driftloop.contracts.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a candidate that passed its gates becomes champion by itself or waits for an approver. */
public enum Promotion {
    @JsonProperty("auto") AUTO,
    @JsonProperty("manual") MANUAL
}
