package io.driftloop.evaluator.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.driftloop.evaluator.domain.RankedScores.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The curves a reader plots for the candidate and the champion on the test rows: ROC,
 * precision–recall and calibration, point estimates (no bootstrap). Drawn from each model's
 * {@link RankedScores}, so they agree with the report's {@code rocAuc}, {@code prAuc} and
 * {@code ece}. A threshold {@code t} means "predicted positive when the score is ≥ t". Immutable.
 *
 * @param candidate the candidate's curves
 * @param champion  the champion's on the same rows; written as {@code null} when there is no champion
 */
public record Curves(ModelCurves candidate, @JsonInclude(JsonInclude.Include.ALWAYS) ModelCurves champion) {

    /** At most this many points on a ROC or precision–recall curve: the first, the last and 199 between. */
    static final int MAX_POINTS = 201;

    static Curves of(RankedScores candidate, RankedScores champion) {
        return new Curves(ModelCurves.of(candidate), champion == null ? null : ModelCurves.of(champion));
    }

    /**
     * One model's curves.
     *
     * @param roc             (fpr, tpr) from (0, 0) to (1, 1) by increasing fpr, one point per distinct
     *                        score (tied rows are one step), as scikit-learn's {@code roc_curve} with
     *                        {@code drop_intermediate=False}, thinned by {@link #thin}; empty when the rows
     *                        are all of one label (a rate over no positives or no negatives is undefined)
     * @param precisionRecall (recall, precision) by increasing recall: scikit-learn's
     *                        {@code precision_recall_curve} points in reverse, from its convention
     *                        (recall 0, precision 1) to (1, share of positives), thinned by {@link #thin};
     *                        empty when no row is positive (recall is undefined)
     * @param calibration     the non-empty bins of {@link RankedScores#bin}, ascending, each with its mean
     *                        score and share of positives
     */
    public record ModelCurves(List<RocPoint> roc, List<PrecisionRecallPoint> precisionRecall,
                              List<CalibrationBin> calibration) {

        public ModelCurves {
            roc = List.copyOf(roc);
            precisionRecall = List.copyOf(precisionRecall);
            calibration = List.copyOf(calibration);
        }

        static ModelCurves of(RankedScores scores) {
            List<Run> runs = scores.runs();
            return new ModelCurves(Curves.roc(runs), Curves.precisionRecall(runs), Curves.calibration(runs));
        }
    }

    /** A point of the ROC curve: the false- and true-positive rates at {@code threshold}. */
    public record RocPoint(double fpr, double tpr, double threshold) {
    }

    /** A point of the precision–recall curve at {@code threshold}. */
    public record PrecisionRecallPoint(double recall, double precision, double threshold) {
    }

    /**
     * The rows scored in [{@code lower}, {@code upper}) ({@code upper} included for the last bin): how
     * many, their mean score and their share of positive labels.
     */
    public record CalibrationBin(double lower, double upper, int rows, double meanScore, double observedRate) {
    }

    static List<RocPoint> roc(List<Run> runs) {
        long positives = positives(runs);
        long negatives = rows(runs) - positives;
        if (positives == 0 || negatives == 0) {
            return List.of();
        }
        List<RocPoint> points = new ArrayList<>(runs.size() + 1);
        points.add(new RocPoint(0, 0, aboveEveryScore(runs)));
        long tp = 0;
        long fp = 0;
        for (Run run : runs) {
            tp += run.positives();
            fp += run.rows() - run.positives();
            points.add(new RocPoint(fp / (double) negatives, tp / (double) positives, run.score()));
        }
        return thin(points, RocPoint::fpr, RocPoint::tpr);
    }

    static List<PrecisionRecallPoint> precisionRecall(List<Run> runs) {
        long positives = positives(runs);
        if (positives == 0) {
            return List.of();
        }
        List<PrecisionRecallPoint> points = new ArrayList<>(runs.size() + 1);
        // scikit-learn's convention for the threshold above every score, where precision is 0/0
        points.add(new PrecisionRecallPoint(0, 1, aboveEveryScore(runs)));
        long tp = 0;
        long selected = 0;
        for (Run run : runs) {
            tp += run.positives();
            selected += run.rows();
            points.add(new PrecisionRecallPoint(tp / (double) positives, tp / (double) selected, run.score()));
        }
        return thin(points, PrecisionRecallPoint::recall, PrecisionRecallPoint::precision);
    }

    static List<CalibrationBin> calibration(List<Run> runs) {
        int[] rows = new int[RankedScores.BINS];
        int[] positives = new int[RankedScores.BINS];
        double[] scoreSum = new double[RankedScores.BINS];
        for (Run run : runs) {
            int b = RankedScores.bin(run.score());
            rows[b] += run.rows();
            positives[b] += run.positives();
            scoreSum[b] += run.rows() * run.score();
        }
        List<CalibrationBin> bins = new ArrayList<>();
        for (int b = 0; b < RankedScores.BINS; b++) {
            if (rows[b] > 0) {
                bins.add(new CalibrationBin(b / (double) RankedScores.BINS, (b + 1) / (double) RankedScores.BINS,
                        rows[b], scoreSum[b] / rows[b], positives[b] / (double) rows[b]));
            }
        }
        return bins;
    }

    /**
     * The curve itself when it has at most {@link #MAX_POINTS} points. Otherwise its first and last
     * points and, between them, the first point at or past each arc length k·L/200 (k = 1 … 199) along
     * the curve, L being its length in the unit square: the kept points are spaced evenly along the
     * curve, so long steps and corners survive and dense stretches of near-equal points are thinned.
     */
    static <P> List<P> thin(List<P> points, ToDoubleFunction<P> x, ToDoubleFunction<P> y) {
        int n = points.size();
        if (n <= MAX_POINTS) {
            return points;
        }
        double[] arc = new double[n];
        for (int i = 1; i < n; i++) {
            P a = points.get(i - 1);
            P b = points.get(i);
            arc[i] = arc[i - 1] + Math.hypot(x.applyAsDouble(b) - x.applyAsDouble(a), y.applyAsDouble(b) - y.applyAsDouble(a));
        }
        List<P> kept = new ArrayList<>(MAX_POINTS);
        kept.add(points.get(0));
        double step = arc[n - 1] / (MAX_POINTS - 1);
        int k = 1;
        for (int i = 1; i < n - 1 && k < MAX_POINTS - 1 && step > 0; i++) {
            if (arc[i] >= k * step) {
                kept.add(points.get(i));
                while (k * step <= arc[i]) {
                    k++;
                }
            }
        }
        kept.add(points.get(n - 1));
        return kept;
    }

    /**
     * The threshold at which no row is predicted positive: 1, or just above 1 when a row scores
     * exactly 1 (scikit-learn puts +∞ there, which JSON cannot carry).
     */
    private static double aboveEveryScore(List<Run> runs) {
        return Math.max(1.0, Math.nextUp(runs.get(0).score()));
    }

    private static long positives(List<Run> runs) {
        return runs.stream().mapToLong(Run::positives).sum();
    }

    private static long rows(List<Run> runs) {
        return runs.stream().mapToLong(Run::rows).sum();
    }
}
