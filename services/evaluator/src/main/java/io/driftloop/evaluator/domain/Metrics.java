package io.driftloop.evaluator.domain;

import io.driftloop.contracts.spec.QualityMetric;

/**
 * Positions of the figures {@link RankedScores#measure} writes: one per {@link QualityMetric} (at its
 * ordinal), then the confusion matrix cells.
 */
final class Metrics {

    static final int ACCURACY = QualityMetric.ACCURACY.ordinal();
    static final int PRECISION = QualityMetric.PRECISION.ordinal();
    static final int RECALL = QualityMetric.RECALL.ordinal();
    static final int F1 = QualityMetric.F1.ordinal();
    static final int ROC_AUC = QualityMetric.ROC_AUC.ordinal();
    static final int PR_AUC = QualityMetric.PR_AUC.ordinal();
    static final int LOG_LOSS = QualityMetric.LOG_LOSS.ordinal();
    static final int BRIER = QualityMetric.BRIER.ordinal();
    static final int ECE = QualityMetric.ECE.ordinal();
    static final int QUALITY = QualityMetric.values().length;
    static final int TN = QUALITY;
    static final int FP = QUALITY + 1;
    static final int FN = QUALITY + 2;
    static final int TP = QUALITY + 3;
    static final int SIZE = QUALITY + 4;

    private Metrics() {
    }
}
