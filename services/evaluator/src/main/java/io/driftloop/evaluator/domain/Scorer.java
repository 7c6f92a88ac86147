package io.driftloop.evaluator.domain;

import java.util.List;
import java.util.Map;

/**
 * A model that can be scored: the probability of label 1 for each row of features, in row order.
 * The evaluator's only view of a network, so metrics and gates are tested without native code.
 * Implementations may throw {@link UnusableArtifactException} when the model cannot run on the rows.
 */
public interface Scorer {

    /** P(label = 1) of each row, in [0, 1], one value per row. */
    double[] probabilities(List<Map<String, Object>> features);
}
