package io.driftloop.evaluator.domain;

import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Quality metrics of a binary classifier from labels (1 = positive, anything else negative) and
 * predicted probabilities of label 1. Pure functions; arrays are not modified.
 */
public final class ClassificationMetrics {

    /** A row is predicted positive when P(label = 1) is at least this. */
    public static final double DECISION_THRESHOLD = 0.5;

    private ClassificationMetrics() {
    }

    public static boolean predictedPositive(double probability) {
        return probability >= DECISION_THRESHOLD;
    }

    /** Share of rows whose prediction equals the label, in [0, 1]; NaN when there are no rows. */
    public static double accuracy(int[] labels, double[] probabilities) {
        requireSameLength(labels, probabilities);
        if (labels.length == 0) {
            return Double.NaN;
        }
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predictedPositive(probabilities[i]) == (labels[i] == 1)) {
                correct++;
            }
        }
        return correct / (double) labels.length;
    }

    /**
     * Area under the ROC curve by the Mann–Whitney statistic: the probability that a random positive
     * row scores above a random negative one, ties counting one half (average ranks). In [0, 1].
     * NaN when the rows hold only one class: with no positive (or no negative) to rank against,
     * the area is undefined, and callers must not read it as good or bad.
     */
    public static double rocAuc(int[] labels, double[] scores) {
        requireSameLength(labels, scores);
        long positives = 0;
        for (int label : labels) {
            if (label == 1) {
                positives++;
            }
        }
        long negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(scores);
        double positiveRankSum = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 1) {
                positiveRankSum += ranks[i];
            }
        }
        double u = positiveRankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    private static void requireSameLength(int[] labels, double[] values) {
        if (labels.length != values.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + values.length + " scores");
        }
    }
}
