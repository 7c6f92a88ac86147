package io.driftloop.evaluator.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One model's scores on a set of test rows, sorted once by descending score, with what a weighted
 * metric pass needs precomputed per row: the label, the row's log loss and squared error, the runs
 * of tied scores and each run's calibration bin. {@link #measure} computes every metric of
 * {@link Metrics} in one pass for any multiplicity of the rows (a bootstrap resample), without
 * sorting or copying rows. Immutable and thread-safe.
 */
final class RankedScores {

    /** Probabilities are clipped to [EPS, 1 − EPS] for the log loss, as scikit-learn 1.2 does. */
    static final double LOG_LOSS_EPS = 1e-15;
    static final int BINS = 10;

    private final int[] row;
    private final int[] label;
    private final double[] logLoss;
    private final double[] squaredError;
    private final int[] runStart;
    private final double[] runScore;
    private final byte[] runBin;
    private final int positiveRuns;

    private RankedScores(int[] row, int[] label, double[] logLoss, double[] squaredError, int[] runStart,
                         double[] runScore, byte[] runBin, int positiveRuns) {
        this.row = row;
        this.label = label;
        this.logLoss = logLoss;
        this.squaredError = squaredError;
        this.runStart = runStart;
        this.runScore = runScore;
        this.runBin = runBin;
        this.positiveRuns = positiveRuns;
    }

    /**
     * @param labels        1 = positive, anything else negative, indexed by row
     * @param probabilities P(label = 1) of each row, in [0, 1]
     * @param rows          the rows to rank (indices into both arrays), or null for all of them
     */
    static RankedScores of(int[] labels, double[] probabilities, int[] rows) {
        if (labels.length != probabilities.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + probabilities.length + " scores");
        }
        int n = rows == null ? labels.length : rows.length;
        // sorted once: score descending, ties by row so the order is deterministic
        Integer[] boxed = new Integer[n];
        for (int k = 0; k < n; k++) {
            boxed[k] = rows == null ? k : rows[k];
        }
        Arrays.sort(boxed, (a, b) -> {
            int c = Double.compare(probabilities[b], probabilities[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] row = new int[n];
        int[] label = new int[n];
        double[] logLoss = new double[n];
        double[] squaredError = new double[n];
        int[] runStart = new int[n + 1];
        double[] runScore = new double[n];
        byte[] runBin = new byte[n];
        int runs = 0;
        int positiveRuns = 0;
        for (int k = 0; k < n; k++) {
            int i = boxed[k];
            double p = probabilities[i];
            int y = labels[i] == 1 ? 1 : 0;
            row[k] = i;
            label[k] = y;
            logLoss[k] = logLoss(y, p);
            squaredError[k] = (p - y) * (p - y);
            if (k == 0 || p != probabilities[row[k - 1]]) {
                runStart[runs] = k;
                runScore[runs] = p;
                runBin[runs] = (byte) bin(p);
                if (ClassificationMetrics.predictedPositive(p)) {
                    positiveRuns = runs + 1;
                }
                runs++;
            }
        }
        runStart[runs] = n;
        return new RankedScores(row, label, logLoss, squaredError, Arrays.copyOf(runStart, runs + 1),
                Arrays.copyOf(runScore, runs), Arrays.copyOf(runBin, runs), positiveRuns);
    }

    /** Calibration bin of a probability: ⌊10·p⌋, with p = 1 in the last bin. */
    static int bin(double p) {
        return Math.min((int) Math.floor(p * BINS), BINS - 1);
    }

    /**
     * A row's log loss as scikit-learn 1.2's {@code log_loss(eps=1e-15)} computes it: P(1) clipped to
     * [eps, 1 − eps], P(0) = 1 − that, both divided by their sum, natural log.
     */
    static double logLoss(int label, double p) {
        double one = Math.min(Math.max(p, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
        double zero = 1 - one;
        double sum = zero + one;
        return -Math.log((label == 1 ? one : zero) / sum);
    }

    int size() {
        return row.length;
    }

    /** A run of rows tied on {@code score}: how many, and how many of them are positive. */
    record Run(double score, int rows, int positives) {
    }

    /** The runs of tied scores, by descending score, each row counted once (what {@link Curves} plots). */
    List<Run> runs() {
        List<Run> runs = new ArrayList<>(runScore.length);
        for (int r = 0; r < runScore.length; r++) {
            int positives = 0;
            for (int k = runStart[r]; k < runStart[r + 1]; k++) {
                positives += label[k];
            }
            runs.add(new Run(runScore[r], runStart[r + 1] - runStart[r], positives));
        }
        return runs;
    }

    /**
     * Every metric of the rows, each row counted {@code counts[row]} times (indexed by the original
     * row, as given to {@link #of}); writes {@link Metrics#SIZE} values into {@code out}.
     */
    void measure(int[] counts, double[] out) {
        long pos = 0;
        long neg = 0;
        long tp = 0;
        long fp = 0;
        double logLossSum = 0;
        double squaredSum = 0;
        double aucSum = 0;
        double apSum = 0;
        double[] binLabels = new double[BINS];
        double[] binScores = new double[BINS];
        int runs = runScore.length;
        for (int r = 0; r < runs; r++) {
            long w = 0;
            long p = 0;
            double ll = 0;
            double se = 0;
            for (int k = runStart[r], end = runStart[r + 1]; k < end; k++) {
                int c = counts[row[k]];
                w += c;
                p += (long) c * label[k];
                ll += c * logLoss[k];
                se += c * squaredError[k];
            }
            long q = w - p;
            // ROC-AUC: each negative of the run beats no positive above it and ties half with the run's positives
            aucSum += q * (pos + 0.5 * p);
            pos += p;
            neg += q;
            // average precision: recall rises by p/P at this threshold, at precision TP/(TP+FP)
            if (p > 0) {
                apSum += p * (pos / (double) (pos + neg));
            }
            if (r < positiveRuns) {
                tp = pos;
                fp = neg;
            }
            logLossSum += ll;
            squaredSum += se;
            binLabels[runBin[r]] += p;
            binScores[runBin[r]] += w * runScore[r];
        }
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            ece += Math.abs(binLabels[b] - binScores[b]);
        }
        finish(pos, neg, tp, fp, logLossSum, squaredSum, aucSum, apSum, ece, out);
    }

    /**
     * The metrics of a model giving every row the same score {@code p}, from the weighted counts of
     * positives and negatives alone (what {@link #measure} computes for one run of tied rows).
     */
    static void measureConstant(double p, long pos, long neg, double[] out) {
        boolean positive = ClassificationMetrics.predictedPositive(p);
        long total = pos + neg;
        finish(pos, neg, positive ? pos : 0, positive ? neg : 0,
                pos * logLoss(1, p) + neg * logLoss(0, p),
                pos * ((p - 1) * (p - 1)) + neg * (p * p),
                neg * (0 + 0.5 * pos),
                pos > 0 ? pos * (pos / (double) total) : 0,
                Math.abs(pos - total * p), out);
    }

    private static void finish(long pos, long neg, long tp, long fp, double logLossSum, double squaredSum,
                               double aucSum, double apSum, double eceSum, double[] out) {
        long total = pos + neg;
        long fn = pos - tp;
        long tn = neg - fp;
        out[Metrics.ACCURACY] = total == 0 ? Double.NaN : (tp + tn) / (double) total;
        out[Metrics.PRECISION] = tp + fp == 0 ? 0 : tp / (double) (tp + fp);
        out[Metrics.RECALL] = pos == 0 ? 0 : tp / (double) pos;
        out[Metrics.F1] = 2 * tp + fp + fn == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
        out[Metrics.ROC_AUC] = pos == 0 || neg == 0 ? Double.NaN : aucSum / ((double) pos * neg);
        out[Metrics.PR_AUC] = pos == 0 ? Double.NaN : apSum / pos;
        out[Metrics.LOG_LOSS] = total == 0 ? Double.NaN : logLossSum / total;
        out[Metrics.BRIER] = total == 0 ? Double.NaN : squaredSum / total;
        out[Metrics.ECE] = total == 0 ? Double.NaN : eceSum / total;
        out[Metrics.TN] = tn;
        out[Metrics.FP] = fp;
        out[Metrics.FN] = fn;
        out[Metrics.TP] = tp;
    }
}
