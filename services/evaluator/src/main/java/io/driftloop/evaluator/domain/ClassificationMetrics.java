package io.driftloop.evaluator.domain;

/** The decision rule of a binary classifier: which probabilities of label 1 count as a positive prediction. */
public final class ClassificationMetrics {

    /** A row is predicted positive when P(label = 1) is at least this. */
    public static final double DECISION_THRESHOLD = 0.5;

    private ClassificationMetrics() {
    }

    public static boolean predictedPositive(double probability) {
        return probability >= DECISION_THRESHOLD;
    }
}
