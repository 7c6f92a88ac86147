package io.driftloop.contracts.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A group-fairness measure over the groups of one sensitive attribute (or of an intersection of two). */
public enum FairnessMetric {
    /** Largest minus smallest positive-prediction rate among the groups; at most the threshold. */
    @JsonProperty("demographic-parity-difference") DEMOGRAPHIC_PARITY_DIFFERENCE(false),
    /** Largest minus smallest true-positive rate among the groups; at most the threshold. */
    @JsonProperty("equal-opportunity-difference") EQUAL_OPPORTUNITY_DIFFERENCE(false),
    /** The larger of the true-positive-rate and false-positive-rate differences; at most the threshold. */
    @JsonProperty("equalized-odds-difference") EQUALIZED_ODDS_DIFFERENCE(false),
    /**
     * Positive-prediction rate ratio; at least the threshold (0.8, the four-fifths rule, by default).
     * Without {@code referenceGroup}: smallest ÷ largest rate over the groups (Fairlearn's
     * {@code demographic_parity_ratio}); with it: each other group's rate ÷ the reference group's rate,
     * the smallest of those ratios.
     */
    @JsonProperty("disparate-impact-ratio") DISPARATE_IMPACT_RATIO(true);

    private final boolean ratio;

    FairnessMetric(boolean ratio) {
        this.ratio = ratio;
    }

    /** Ratios pass at or above their threshold; differences at or below. */
    public boolean ratio() {
        return ratio;
    }
}
