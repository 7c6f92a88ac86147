package io.driftloop.evaluator.domain;

/** Counts of a binary classifier's outcomes at the 0.5 decision threshold (scikit-learn's [[tn, fp], [fn, tp]]). */
public record ConfusionMatrix(long tn, long fp, long fn, long tp) {

    static ConfusionMatrix of(double[] measured) {
        return new ConfusionMatrix((long) measured[Metrics.TN], (long) measured[Metrics.FP],
                (long) measured[Metrics.FN], (long) measured[Metrics.TP]);
    }
}
