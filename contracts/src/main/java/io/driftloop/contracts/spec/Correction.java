package io.driftloop.contracts.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the p-values of the features of one window are adjusted for testing many features at once
 * before they are compared with {@code drift.pValue}.
 */
public enum Correction {
    /** Benjamini–Hochberg step-up adjustment (controls the false discovery rate). */
    @JsonProperty("benjamini-hochberg") BENJAMINI_HOCHBERG,
    /** Bonferroni adjustment: p times the number of tested features (controls the family-wise error rate). */
    @JsonProperty("bonferroni") BONFERRONI,
    /** No adjustment: each feature is compared with {@code drift.pValue} on its own. */
    @JsonProperty("none") NONE
}
