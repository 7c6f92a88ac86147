package io.driftloop.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftloop.contracts.spec.QualityMetric;
import io.driftloop.evaluator.domain.Curves.CalibrationBin;
import io.driftloop.evaluator.domain.Curves.ModelCurves;
import io.driftloop.evaluator.domain.Curves.PrecisionRecallPoint;
import io.driftloop.evaluator.domain.Curves.RocPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CurvesTest {

    static ModelCurves curves(int[] labels, double[] scores) {
        return ModelCurves.of(RankedScores.of(labels, scores, null));
    }

    static double[] metrics(int[] labels, double[] scores) {
        int[] ones = new int[labels.length];
        Arrays.fill(ones, 1);
        double[] out = new double[Metrics.SIZE];
        RankedScores.of(labels, scores, null).measure(ones, out);
        return out;
    }

    /** The area under the ROC polyline by the trapezoid rule. */
    static double trapezoidArea(List<RocPoint> roc) {
        double area = 0;
        for (int i = 1; i < roc.size(); i++) {
            RocPoint a = roc.get(i - 1);
            RocPoint b = roc.get(i);
            area += (b.fpr() - a.fpr()) * (a.tpr() + b.tpr()) / 2;
        }
        return area;
    }

    /** Average precision as scikit-learn sums it over its curve: Σ (recallₖ − recallₖ₋₁) · precisionₖ. */
    static double averagePrecision(List<PrecisionRecallPoint> curve) {
        double ap = 0;
        for (int i = 1; i < curve.size(); i++) {
            ap += (curve.get(i).recall() - curve.get(i - 1).recall()) * curve.get(i).precision();
        }
        return ap;
    }

    @Test
    void aPerfectRankingRisesStraightToTheTopLeftCornerWithPrecisionOneUntilFullRecall() {
        ModelCurves c = curves(new int[] {1, 1, 0, 0}, new double[] {0.9, 0.8, 0.3, 0.2});

        assertThat(c.roc()).containsExactly(new RocPoint(0, 0, 1.0), new RocPoint(0, 0.5, 0.9), new RocPoint(0, 1, 0.8),
                new RocPoint(0.5, 1, 0.3), new RocPoint(1, 1, 0.2));
        assertThat(c.precisionRecall()).containsExactly(new PrecisionRecallPoint(0, 1, 1.0),
                new PrecisionRecallPoint(0.5, 1, 0.9), new PrecisionRecallPoint(1, 1, 0.8),
                new PrecisionRecallPoint(1, 2 / 3.0, 0.3), new PrecisionRecallPoint(1, 0.5, 0.2));
        assertThat(trapezoidArea(c.roc())).isEqualTo(1.0);
    }

    @Test
    void aReversedRankingRunsAlongTheFprAxisFirstAndEnclosesNoArea() {
        ModelCurves c = curves(new int[] {1, 1, 0, 0}, new double[] {0.2, 0.3, 0.8, 0.9});

        assertThat(c.roc()).containsExactly(new RocPoint(0, 0, 1.0), new RocPoint(0.5, 0, 0.9), new RocPoint(1, 0, 0.8),
                new RocPoint(1, 0.5, 0.3), new RocPoint(1, 1, 0.2));
        assertThat(c.precisionRecall()).containsExactly(new PrecisionRecallPoint(0, 1, 1.0),
                new PrecisionRecallPoint(0, 0, 0.9), new PrecisionRecallPoint(0, 0, 0.8),
                new PrecisionRecallPoint(0.5, 1 / 3.0, 0.3), new PrecisionRecallPoint(1, 0.5, 0.2));
        assertThat(trapezoidArea(c.roc())).isZero();
    }

    @Test
    void tiedScoresAreOneDiagonalStepWhoseTrapezoidCountsTheTiedPairsAsHalf() {
        int[] labels = {1, 0, 1, 1, 0};
        double[] scores = {0.7, 0.7, 0.7, 0.4, 0.4};
        ModelCurves c = curves(labels, scores);

        // P = 3, N = 2; at ≥ 0.7: 2 positives and 1 negative, at ≥ 0.4 everyone
        assertThat(c.roc()).containsExactly(new RocPoint(0, 0, 1.0), new RocPoint(0.5, 2 / 3.0, 0.7),
                new RocPoint(1, 1, 0.4));
        assertThat(c.precisionRecall()).containsExactly(new PrecisionRecallPoint(0, 1, 1.0),
                new PrecisionRecallPoint(2 / 3.0, 2 / 3.0, 0.7), new PrecisionRecallPoint(1, 0.6, 0.4));
        // 3.5 of the 6 positive–negative pairs ordered right, ties counted half
        assertThat(trapezoidArea(c.roc())).isCloseTo(7 / 12.0, within(1e-15));
        assertThat(metrics(labels, scores)[Metrics.ROC_AUC]).isCloseTo(7 / 12.0, within(1e-15));
    }

    @Test
    void withRowsOfOneLabelTheRocCurveIsEmptyAndThePrecisionRecallCurveExistsOnlyWithPositives() {
        double[] scores = {0.9, 0.4, 0.4};
        ModelCurves positives = curves(new int[] {1, 1, 1}, scores);
        // a false-positive rate over no negatives is undefined, so is the curve
        assertThat(positives.roc()).isEmpty();
        assertThat(positives.precisionRecall()).containsExactly(new PrecisionRecallPoint(0, 1, 1.0),
                new PrecisionRecallPoint(1 / 3.0, 1, 0.9), new PrecisionRecallPoint(1, 1, 0.4));
        assertThat(positives.calibration()).hasSize(2);

        ModelCurves negatives = curves(new int[] {0, 0, 0}, scores);
        // a true-positive rate or recall over no positives is undefined
        assertThat(negatives.roc()).isEmpty();
        assertThat(negatives.precisionRecall()).isEmpty();
        assertThat(negatives.calibration()).extracting(CalibrationBin::observedRate).containsExactly(0.0, 0.0);
    }

    @Test
    void whenARowScoresExactlyOneThePointWhereNobodyIsPositiveCarriesAThresholdJustAboveOne() {
        ModelCurves c = curves(new int[] {1, 0}, new double[] {1.0, 0.0});
        assertThat(c.roc().get(0)).isEqualTo(new RocPoint(0, 0, Math.nextUp(1.0)));
        assertThat(c.roc().get(1)).isEqualTo(new RocPoint(0, 1, 1.0));
        assertThat(c.precisionRecall().get(0).threshold()).isGreaterThan(1.0);
    }

    @Test
    void unthinnedCurvesGiveExactlyTheReportsRocAucAndAveragePrecision() {
        Random r = new Random(3);
        int[] labels = StatisticsTest.labels(150, r);
        double[] scores = StatisticsTest.scores(labels, r); // two decimals: at most 101 runs, many ties
        ModelCurves c = curves(labels, scores);
        double[] m = metrics(labels, scores);

        assertThat(c.roc().size()).isLessThanOrEqualTo(Curves.MAX_POINTS);
        assertThat(trapezoidArea(c.roc())).isCloseTo(m[Metrics.ROC_AUC], within(1e-12));
        assertThat(averagePrecision(c.precisionRecall())).isCloseTo(m[Metrics.PR_AUC], within(1e-12));
    }

    @Test
    void theThinnedRocCurveOfThousandsOfRowsEnclosesTheReportsRocAuc() {
        Random r = new Random(11);
        int n = 4000;
        int[] labels = StatisticsTest.labels(n, r);
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            // continuous and overlapping: some 4000 distinct scores, an AUC well inside (0.5, 1)
            scores[i] = 1 / (1 + Math.exp(-(labels[i] == 1 ? 0.8 : -0.8) - r.nextGaussian()));
        }
        EvaluationData data = new EvaluationData(labels, scores, null, 0.5, List.of(), List.of(),
                FairnessMeasure.STANDARD, 30, 30);
        EvaluationStatistics s = Statistics.compute(data, 1, 20, 0.95);
        List<RocPoint> roc = s.curves().candidate().roc();
        List<PrecisionRecallPoint> pr = s.curves().candidate().precisionRecall();

        assertThat(roc).hasSizeBetween(150, Curves.MAX_POINTS);
        assertThat(roc.get(0)).extracting(RocPoint::fpr, RocPoint::tpr).containsExactly(0.0, 0.0);
        assertThat(roc.get(roc.size() - 1)).extracting(RocPoint::fpr, RocPoint::tpr).containsExactly(1.0, 1.0);
        assertThat(roc).extracting(RocPoint::fpr).isSorted();
        assertThat(roc).extracting(RocPoint::threshold).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(trapezoidArea(roc)).isCloseTo(s.candidate().get(QualityMetric.ROC_AUC).value(), within(0.01));
        assertThat(pr).hasSizeBetween(150, Curves.MAX_POINTS);
        assertThat(pr).extracting(PrecisionRecallPoint::recall).isSorted();
        assertThat(pr.get(pr.size() - 1)).extracting(PrecisionRecallPoint::recall, PrecisionRecallPoint::precision)
                .containsExactly(1.0, Arrays.stream(labels).sum() / (double) n);
        assertThat(s.curves().champion()).isNull();
    }

    @Test
    void thinningKeepsTheFirstAndLastPointAndAtMost201EvenlySpacedAlongTheCurve() {
        // 1,000 points evenly spaced on the diagonal, then one long step to (1, 2)
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            points.add(new double[] {i / 999.0, i / 999.0});
        }
        points.add(new double[] {1, 2});
        List<double[]> kept = Curves.thin(points, p -> p[0], p -> p[1]);

        assertThat(kept).hasSizeLessThanOrEqualTo(Curves.MAX_POINTS);
        assertThat(kept.get(0)).isSameAs(points.get(0));
        assertThat(kept.get(kept.size() - 1)).isSameAs(points.get(1000));
        assertThat(points).containsSubsequence(kept);
        // the curve is √2 + 1 long, so a kept point every (√2 + 1)/200 ≈ 0.0121: some 117 on the diagonal
        double step = (Math.sqrt(2) + 1) / (Curves.MAX_POINTS - 1);
        for (int i = 1; i < kept.size() - 1; i++) {
            double gap = Math.hypot(kept.get(i)[0] - kept.get(i - 1)[0], kept.get(i)[1] - kept.get(i - 1)[1]);
            assertThat(gap).isBetween(step - Math.sqrt(2) / 999, step + Math.sqrt(2) / 999);
        }
        assertThat(kept).hasSizeBetween(110, 125);
    }

    @Test
    void aCurveOfAtMost201PointsIsKeptWhole() {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < Curves.MAX_POINTS; i++) {
            points.add(new double[] {0, i % 2});
        }
        assertThat(Curves.thin(points, p -> p[0], p -> p[1])).isEqualTo(points);
    }

    @Test
    void calibrationBinsCountTheRowsMeanScoreAndShareOfPositivesOfEachNonEmptyTenth() {
        int[] labels = {0, 1, 0, 1, 1, 0, 1};
        double[] scores = {0.05, 0.07, 0.15, 0.95, 1.0, 0.55, 0.91};
        List<CalibrationBin> bins = curves(labels, scores).calibration();

        assertThat(bins).extracting(CalibrationBin::lower).containsExactly(0.0, 0.1, 0.5, 0.9);
        assertThat(bins).extracting(CalibrationBin::upper).containsExactly(0.1, 0.2, 0.6, 1.0);
        assertThat(bins).extracting(CalibrationBin::rows).containsExactly(2, 1, 1, 3);
        assertThat(bins).extracting(CalibrationBin::observedRate).containsExactly(0.5, 0.0, 0.0, 1.0);
        double[] means = {0.06, 0.15, 0.55, (0.95 + 1.0 + 0.91) / 3};
        for (int b = 0; b < bins.size(); b++) {
            assertThat(bins.get(b).meanScore()).as("bin " + b).isCloseTo(means[b], within(1e-12));
        }
        // the report's ece is the row-weighted gap between the two
        double ece = bins.stream().mapToDouble(b -> b.rows() * Math.abs(b.meanScore() - b.observedRate())).sum()
                / labels.length;
        assertThat(metrics(labels, scores)[Metrics.ECE]).isCloseTo(ece, within(1e-12));
    }
}
