package io.driftloop.evaluator.domain;

import io.driftloop.contracts.events.GateResult;
import java.util.Locale;

/**
 * The gates a candidate must pass, each turned into a {@link GateResult} with a sentence giving
 * the figures. Comparisons allow {@value #TOLERANCE} of floating-point slack, so a value equal to
 * its threshold passes however it was computed. A metric that is undefined (NaN) fails its gate:
 * the evaluator never passes what it could not measure. Such a gate reports value 0.
 */
public final class Gates {

    public static final String MIN_ACCURACY = "min-accuracy";
    public static final String MIN_ROC_AUC = "min-roc-auc";
    public static final String NO_WORSE_THAN_CHAMPION = "no-worse-than-champion";
    public static final String CHAMPION_COMPARISON = "champion-comparison";
    public static final String FAIRNESS = "fairness";
    public static final String DATASET = "dataset";
    public static final String TEST_SPLIT = "test-split";
    public static final String CANDIDATE_ARTIFACT = "candidate-artifact";

    static final double TOLERANCE = 1e-9;

    private Gates() {
    }

    public static Check minAccuracy(Scorecard candidate, double min) {
        return atLeast(MIN_ACCURACY, Scorecard.ACCURACY, "accuracy", candidate.accuracy(), min, candidate.rows());
    }

    public static Check minRocAuc(Scorecard candidate, double min) {
        return atLeast(MIN_ROC_AUC, Scorecard.ROC_AUC, "ROC-AUC", candidate.rocAuc(), min, candidate.rows());
    }

    /**
     * {@code candidate >= champion - maxDegradation} on the same test rows; {@code metric} is
     * {@link Scorecard#ACCURACY} or {@link Scorecard#ROC_AUC}.
     */
    public static Check noWorseThanChampion(String metric, double candidate, double champion, int championVersion,
                                            double maxDegradation) {
        String gate = NO_WORSE_THAN_CHAMPION + "." + metric;
        if (Double.isNaN(candidate) || Double.isNaN(champion)) {
            String detail = metric + " is undefined for the " + (Double.isNaN(candidate) ? "candidate" : "champion")
                    + " on these test rows, so the candidate cannot be shown to be no worse than champion v"
                    + championVersion + "; failing closed";
            return new Check(new GateResult(gate, metric, orZero(candidate), orZero(champion) - maxDegradation,
                    false, detail), gate + " undefined");
        }
        double threshold = champion - maxDegradation;
        boolean passed = candidate >= threshold - TOLERANCE;
        String detail = "candidate " + metric + " " + fmt(candidate) + " vs champion v" + championVersion + " "
                + fmt(champion) + ": at least " + fmt(threshold) + " required (champion minus " + fmt(maxDegradation)
                + "), " + (passed ? "passed" : "trails by " + fmt(champion - candidate));
        return new Check(new GateResult(gate, metric, candidate, threshold, passed, detail),
                gate + " " + fmt(candidate) + " < " + fmt(threshold));
    }

    /** The champion exists but cannot be scored: the candidate cannot be compared, so it fails. */
    public static Check championUnavailable(int championVersion, String reason) {
        String detail = "champion v" + championVersion + " cannot be scored, so the candidate cannot be compared"
                + " with it; failing closed: " + reason;
        return new Check(new GateResult(CHAMPION_COMPARISON, "championAvailable", 0, 1, false, detail),
                CHAMPION_COMPARISON + ": champion v" + championVersion + " cannot be scored");
    }

    public static Check fairness(ParityReport report, double maxDifference) {
        String gate = FAIRNESS + "." + report.attribute();
        double value = report.difference();
        boolean passed = value <= maxDifference + TOLERANCE;
        String detail = "demographic parity difference " + fmt(value) + (passed ? " <= " : " > ") + fmt(maxDifference)
                + " (" + report.describe() + ")";
        return new Check(new GateResult(gate, Scorecard.parityKey(report.attribute()), value, maxDifference, passed,
                detail), gate + " " + fmt(value) + " > " + fmt(maxDifference));
    }

    /**
     * A precondition of scoring failed ({@link #DATASET}, {@link #TEST_SPLIT}, {@link #CANDIDATE_ARTIFACT}):
     * nothing could be measured, and the candidate fails.
     */
    public static Check unavailable(String gate, String metric, String reason) {
        return new Check(new GateResult(gate, metric, 0, 1, false, reason + "; the candidate cannot be evaluated"),
                gate + ": " + reason);
    }

    private static Check atLeast(String gate, String metric, String label, double value, double min, int rows) {
        if (Double.isNaN(value)) {
            String detail = label + " is undefined on these " + rows + " test rows (they hold only one class,"
                    + " so there is nothing to rank); failing closed";
            return new Check(new GateResult(gate, metric, 0, min, false, detail), gate + " undefined");
        }
        boolean passed = value >= min - TOLERANCE;
        String detail = label + " " + fmt(value) + (passed ? " >= " : " < ") + fmt(min) + " on " + rows + " test rows";
        return new Check(new GateResult(gate, metric, value, min, passed, detail),
                gate + " " + fmt(value) + " < " + fmt(min));
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
