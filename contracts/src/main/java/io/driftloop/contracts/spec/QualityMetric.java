package io.driftloop.contracts.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A quality metric of a binary classifier that a gate may name. The wire name is also its key in
 * {@code ModelEvaluated.metrics}.
 */
public enum QualityMetric {
    @JsonProperty("accuracy") ACCURACY("accuracy", true),
    @JsonProperty("precision") PRECISION("precision", true),
    @JsonProperty("recall") RECALL("recall", true),
    @JsonProperty("f1") F1("f1", true),
    @JsonProperty("rocAuc") ROC_AUC("rocAuc", true),
    @JsonProperty("prAuc") PR_AUC("prAuc", true),
    /** Mean negative log-likelihood of the true label (natural log); lower is better. */
    @JsonProperty("logLoss") LOG_LOSS("logLoss", false),
    /** Mean squared error of P(label = 1); lower is better. */
    @JsonProperty("brier") BRIER("brier", false),
    /** Expected calibration error over equal-width probability bins; lower is better. */
    @JsonProperty("ece") ECE("ece", false);

    private final String wireName;
    private final boolean higherIsBetter;

    QualityMetric(String wireName, boolean higherIsBetter) {
        this.wireName = wireName;
        this.higherIsBetter = higherIsBetter;
    }

    public String wireName() {
        return wireName;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }
}
