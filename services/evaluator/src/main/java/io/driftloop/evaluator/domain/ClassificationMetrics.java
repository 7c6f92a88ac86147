package io.driftloop.evaluator.domain;

import io.driftloop.subscriber.dl4j.Dl4jModel;

/** The decision rule of a binary classifier: which probabilities of label 1 count as a positive prediction. */
public final class ClassificationMetrics {

    /**
     * A row is predicted positive when P(label = 1) is at least this: the threshold the scoring
     * service predicts with, so the gates judge the predictions it will make.
     */
    public static final double DECISION_THRESHOLD = Dl4jModel.DECISION_THRESHOLD;

    private ClassificationMetrics() {
    }

    public static boolean predictedPositive(double probability) {
        return probability >= DECISION_THRESHOLD;
    }
}
