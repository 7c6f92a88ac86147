package io.driftloop.contracts.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the training split's classes are weighted in the loss ({@code training.classWeights}). */
public enum ClassWeights {
    /** Every row counts alike (its data-strategy weight aside). */
    @JsonProperty("none") NONE,
    /**
     * Inverse class frequency of the training split, {@code rows / (2 · rows of the class)}, as
     * scikit-learn's {@code class_weight="balanced"}: the rarer label counts as much as the common
     * one. The validation loss is weighted the same way, so early stopping and the search select on
     * the balanced loss; the evaluator's metrics stay on the untouched test split.
     */
    @JsonProperty("auto") AUTO
}
