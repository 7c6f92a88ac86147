package io.driftloop.evaluator.domain;

import io.driftloop.contracts.events.GateResult;
import io.driftloop.contracts.spec.FairnessGate;
import io.driftloop.contracts.spec.FairnessMetric;
import io.driftloop.contracts.spec.GateBound;
import io.driftloop.contracts.spec.GateKind;
import io.driftloop.contracts.spec.GateSpec;
import io.driftloop.contracts.spec.QualityGate;
import io.driftloop.contracts.spec.QualityMetric;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Holds a candidate's {@link EvaluationStatistics} to a spec's declared gates, each turned into a
 * {@link GateResult} whose detail sentence gives the figures.
 *
 * <ul>
 *   <li>{@code minimum} / {@code maximum}: the point value (on: point) or the interval's lower /
 *       upper end (on: interval) is at least / at most the threshold;</li>
 *   <li>{@code non-inferiority} / {@code superiority}: the improvement over the champion on the same
 *       rows — candidate − champion, or champion − candidate where lower is better — is greater than
 *       −margin / +margin, on the point difference (on: point) or the lower end of its paired
 *       bootstrap interval (on: interval); not applicable without a champion;</li>
 *   <li>{@code beats-baseline}: the same, against the constant-prior baseline, greater than
 *       {@code margin} (default 0);</li>
 *   <li>fairness: a difference at most, a ratio at least the threshold, on the point value or the
 *       interval's upper (difference) / lower (ratio) end, per sensitive attribute.</li>
 * </ul>
 * Minimum, maximum and fairness comparisons allow {@value #TOLERANCE} of floating-point slack, so a
 * value equal to its threshold passes however it was computed; the comparative gates are strict.
 * A figure that is undefined (NaN) does not pass its gate: the evaluator never passes what it could not
 * measure; such a gate reports value 0 and is marked undecidable (more test rows may decide it).
 */
public final class Gates {

    public static final String FAIRNESS = "fairness";
    public static final String CHAMPION_COMPARISON = "champion-comparison";
    public static final String DATASET = "dataset";
    public static final String TEST_SPLIT = "test-split";
    public static final String CANDIDATE_ARTIFACT = "candidate-artifact";
    public static final String EVALUATION_ERROR = "evaluation-error";
    public static final String SPEC = "spec";
    public static final String NO_GATE = "no-gate-applicable";

    static final double TOLERANCE = 1e-9;

    private Gates() {
    }

    /** The wire name of a gate kind, e.g. {@code non-inferiority}. */
    public static String kindName(GateKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Every gate of {@code gates} (defaults filled in) on {@code stats}.
     *
     * @param championVersion   the champion compared with, null when there is none
     * @param championFailure   why the champion could not be scored (then its comparative gates become one
     *                          failing {@value #CHAMPION_COMPARISON} gate), null when it was scored or absent
     * @param sensitive         the spec's sensitive attributes, in order
     */
    public static List<Check> evaluate(GateSpec gates, EvaluationStatistics stats, Integer championVersion,
                                       String championFailure, List<String> sensitive) {
        List<Check> checks = new ArrayList<>();
        boolean championReported = false;
        for (QualityGate q : gates.quality()) {
            boolean comparative = q.kind() == GateKind.NON_INFERIORITY || q.kind() == GateKind.SUPERIORITY;
            if (comparative && championVersion == null) {
                continue;
            }
            if (comparative && championFailure != null) {
                if (!championReported) {
                    checks.add(championUnavailable(championVersion, championFailure));
                    championReported = true;
                }
                continue;
            }
            checks.add(switch (q.kind()) {
                case MINIMUM, MAXIMUM -> absolute(q, stats);
                case NON_INFERIORITY, SUPERIORITY -> versusChampion(q, stats, championVersion);
                case BEATS_BASELINE -> versusBaseline(q, stats);
            });
        }
        for (FairnessGate f : gates.fairness()) {
            // the spec's attribute order, whatever the order the gate names them in: one name per pair
            List<String> attributes = f.attributes() == null ? sensitive
                    : sensitive.stream().filter(f.attributes()::contains).toList();
            List<String> targets = new ArrayList<>(attributes);
            // a reference group is a value of one attribute: it is never applied to an intersection
            if (Boolean.TRUE.equals(gates.intersections()) && f.referenceGroup() == null) {
                for (int i = 0; i < attributes.size(); i++) {
                    for (int j = i + 1; j < attributes.size(); j++) {
                        targets.add(attributes.get(i) + Column.CROSS + attributes.get(j));
                    }
                }
            }
            for (String attribute : targets) {
                checks.add(fairness(f, stats, attribute));
            }
        }
        return checks;
    }

    static Check absolute(QualityGate q, EvaluationStatistics stats) {
        QualityMetric metric = q.metric();
        String gate = gateName(q);
        Estimate e = stats.candidate().get(metric);
        double threshold = q.threshold();
        if (Double.isNaN(e.point())) {
            return undefined(gate, metric.wireName(), q.kind(), threshold, e, stats.confidence(), metric.wireName()
                    + " is undefined on these " + stats.rows() + " test rows (they hold only one class)");
        }
        Held held = hold(e, q.kind() == GateKind.MINIMUM, q.on() == GateBound.INTERVAL, threshold);
        String detail = metric.wireName() + " " + fmt(e.point()) + " (" + interval(e, stats.confidence()) + ") on "
                + stats.rows() + " test rows: " + held.clause();
        return new Check(result(gate, metric.wireName(), e.point(), threshold, held.passed(), detail, q.kind(), e,
                stats.confidence(), null), gate + " " + held.comparison());
    }

    static Check versusChampion(QualityGate q, EvaluationStatistics stats, int championVersion) {
        QualityMetric metric = q.metric();
        String gate = gateName(q);
        boolean superiority = q.kind() == GateKind.SUPERIORITY;
        double margin = q.margin() == null ? 0 : q.margin();
        double threshold = superiority ? margin : -margin;
        Estimate raw = stats.versusChampion().get(metric.wireName());
        Estimate d = metric.higherIsBetter() ? raw : raw.negated();
        Double pValue = metric == QualityMetric.ACCURACY && stats.mcnemar() != null ? stats.mcnemar().pValue() : null;
        String figures = "candidate " + metric.wireName() + " " + fmt(stats.candidate().get(metric).point())
                + " vs champion v" + championVersion + " " + fmt(stats.champion().get(metric).point()) + " on the same "
                + stats.rows() + " test rows";
        if (Double.isNaN(d.point())) {
            return undefined(gate, metric.wireName(), q.kind(), threshold, d, stats.confidence(), figures
                    + ": the difference is undefined (one class only), so the candidate cannot be compared");
        }
        return comparative(q, gate, threshold, d, figures, "champion v" + championVersion, superiority
                ? "superiority requires " : "non-inferiority requires ", stats, pValue,
                metric == QualityMetric.ACCURACY && stats.mcnemar() != null ? "; " + stats.mcnemar().describe() : "");
    }

    static Check versusBaseline(QualityGate q, EvaluationStatistics stats) {
        QualityMetric metric = q.metric();
        String gate = gateName(q);
        double margin = q.margin() == null ? 0 : q.margin();
        Estimate raw = stats.versusBaseline().get(metric.wireName());
        Estimate d = metric.higherIsBetter() ? raw : raw.negated();
        String baseline = switch (metric) {
            case ACCURACY, PRECISION, RECALL, F1 -> "the majority class of the training split ("
                    + (ClassificationMetrics.predictedPositive(stats.prior()) ? "positive" : "negative") + ")";
            case ROC_AUC -> "a constant score (ROC-AUC 0.5)";
            default -> "the constant score " + fmt(stats.prior()) + " (the training split's share of positives)";
        };
        String figures = "candidate " + metric.wireName() + " " + fmt(stats.candidate().get(metric).point()) + " vs "
                + fmt(stats.baseline().get(metric).point()) + " of " + baseline;
        if (Double.isNaN(d.point())) {
            return undefined(gate, metric.wireName(), q.kind(), margin, d, stats.confidence(), figures
                    + ": the difference is undefined (one class only)");
        }
        return comparative(q, gate, margin, d, figures, "the baseline", "beating the baseline requires ", stats, null, "");
    }

    private static Check comparative(QualityGate q, String gate, double threshold, Estimate d, String figures,
                                     String other, String requires, EvaluationStatistics stats, Double pValue,
                                     String extra) {
        String metric = q.metric().wireName();
        boolean onInterval = q.on() == GateBound.INTERVAL;
        double bound = onInterval ? d.low() : d.point();
        boolean passed = !Double.isNaN(bound) && bound > threshold;
        String improvement = q.metric().higherIsBetter() ? "difference" : "improvement (lower is better: "
                + other + " − candidate)";
        String detail = figures + ": " + improvement + " " + signed(d.point()) + " (" + pairedInterval(d, stats.confidence())
                + "); " + requires + (onInterval ? "the interval's lower end" : "the point difference") + " > "
                + signed(threshold) + ", " + (onInterval ? "was " + signed(bound) + ", " : "")
                + (passed ? "passed" : "failed") + extra;
        return new Check(result(gate, metric, d.point(), threshold, passed, detail, q.kind(), d, stats.confidence(),
                pValue), gate + " " + signed(bound) + " <= " + signed(threshold));
    }

    static Check fairness(FairnessGate f, EvaluationStatistics stats, String attribute) {
        FairnessMeasure measure = new FairnessMeasure(f.metric(), f.referenceGroup());
        String wire = FairnessMeasure.wireName(f.metric());
        String gate = FAIRNESS + "." + wire + "." + attribute;
        String metric = FairnessMeasure.camelName(f.metric()) + "." + attribute;
        double threshold = f.threshold();
        AttributeFairness af = stats.fairness(attribute);
        String label = wire.replace('-', ' ') + (f.referenceGroup() == null ? "" : " against reference group "
                + f.referenceGroup());
        if (af == null) {
            return undefined(gate, metric, null, threshold, new Estimate(null, null, null), stats.confidence(),
                    "attribute " + attribute + " was not measured");
        }
        Estimate e = af.get(measure);
        if (Double.isNaN(e.point())) {
            return undefined(gate, metric, null, threshold, e, stats.confidence(), label + " is undefined on "
                    + attribute + " (" + whyUndefined(af, f) + "): " + groups(af, f));
        }
        Held held = hold(e, f.metric().ratio(), f.on() == GateBound.INTERVAL, threshold);
        String detail = label + " on " + attribute + " " + fmt(e.point()) + " (" + interval(e, stats.confidence()) + "): "
                + held.clause() + "; " + groups(af, f);
        return new Check(result(gate, metric, e.point(), threshold, held.passed(), detail, null, e, stats.confidence(),
                null), gate + " " + held.comparison());
    }

    /**
     * A figure held at least ({@code atLeast}) or at most {@code threshold}, with {@value #TOLERANCE} of
     * slack, on its point value or on the interval's conservative end ({@code onInterval}).
     *
     * @param passed     whether it held
     * @param comparison the held value, the operator and the threshold, e.g. {@code 0.812 >= 0.800}
     * @param clause     the detail sentence's end: what was held, the comparison, passed or failed
     */
    private record Held(boolean passed, String comparison, String clause) {
    }

    private static Held hold(Estimate e, boolean atLeast, boolean onInterval, double threshold) {
        double bound = onInterval ? (atLeast ? e.low() : e.high()) : e.point();
        boolean passed = !Double.isNaN(bound)
                && (atLeast ? bound >= threshold - TOLERANCE : bound <= threshold + TOLERANCE);
        String op = atLeast ? (passed ? ">=" : "<") : (passed ? "<=" : ">");
        String clause = (onInterval ? "the interval's " + (atLeast ? "lower" : "upper") + " end " + fmt(bound)
                : "the point value") + " " + op + " " + fmt(threshold) + ", " + (passed ? "passed" : "failed");
        return new Held(passed, fmt(bound) + " " + op + " " + fmt(threshold), clause);
    }

    /** Why a fairness measure is undefined: too few groups that count, or an unusable reference group. */
    private static String whyUndefined(AttributeFairness af, FairnessGate f) {
        int min = af.minGroupSize();
        if (f.referenceGroup() != null) {
            boolean present = af.groups().stream().anyMatch(g -> g.group().equals(f.referenceGroup()) && g.gated());
            if (!present) {
                return "the reference group " + f.referenceGroup() + " is absent or has fewer than " + min + " rows";
            }
            return "no group other than the reference group has at least " + min + " rows";
        }
        boolean tpr = usesTruePositiveRate(f.metric());
        boolean fpr = f.metric() == FairnessMetric.EQUALIZED_ODDS_DIFFERENCE;
        return "fewer than two groups reach minGroupSize: " + min + " test rows" + (tpr ? ", " + min + " positives" : "")
                + (fpr ? " and " + min + " negatives" : "") + " each; the measure needs two groups to compare";
    }

    private static boolean usesTruePositiveRate(FairnessMetric metric) {
        return metric == FairnessMetric.EQUAL_OPPORTUNITY_DIFFERENCE || metric == FairnessMetric.EQUALIZED_ODDS_DIFFERENCE;
    }

    /**
     * The groups behind a fairness figure: the rate the measure uses, with group sizes; groups that
     * do not count (too few rows, or too few positives / negatives for a true- / false-positive rate) apart.
     */
    private static String groups(AttributeFairness af, FairnessGate f) {
        int min = af.minGroupSize();
        boolean tpr = usesTruePositiveRate(f.metric());
        boolean odds = f.metric() == FairnessMetric.EQUALIZED_ODDS_DIFFERENCE;
        String rate = tpr ? "true-positive rate" + (odds ? " / false-positive rate" : "") : "selection rate";
        String gated = af.groups().stream().filter(GroupRates::gated).map(g -> g.group() + " " + (tpr
                        ? rateOf(g.truePositiveRate(), g.positives() >= min)
                        + (odds ? " / " + rateOf(g.falsePositiveRate(), g.rows() - g.positives() >= min) : "")
                        : fmt(g.selectionRate())) + " of " + g.rows())
                .collect(Collectors.joining(", "));
        String small = af.groups().stream().filter(g -> !g.gated()).map(g -> g.group() + " (" + g.rows() + " rows)")
                .collect(Collectors.joining(", "));
        String few = !tpr ? "" : af.groups().stream().filter(g -> g.gated() && (g.positives() < min
                        || odds && g.rows() - g.positives() < min))
                .map(g -> g.group() + " (" + g.positives() + " positives, " + (g.rows() - g.positives()) + " negatives)")
                .collect(Collectors.joining(", "));
        return rate + " " + (gated.isEmpty() ? "(no group of at least " + min + " rows)" : gated)
                + (small.isEmpty() ? "" : "; not gated (fewer than " + min + " rows): " + small)
                + (few.isEmpty() ? "" : "; rate not counted (fewer than " + min + " positives"
                + (odds ? " or negatives" : "") + "): " + few);
    }

    private static String rateOf(Double rate, boolean counted) {
        return fmt(rate) + (counted ? "" : "*");
    }

    /** The champion exists but cannot be scored: the candidate cannot be compared, so it fails. */
    public static Check championUnavailable(int championVersion, String reason) {
        String detail = "champion v" + championVersion + " cannot be scored, so the candidate cannot be compared"
                + " with it; failing closed: " + reason;
        return new Check(new GateResult(CHAMPION_COMPARISON, "championAvailable", 0, 1, false, detail,
                CHAMPION_COMPARISON, null, null, null, null),
                CHAMPION_COMPARISON + ": champion v" + championVersion + " cannot be scored");
    }

    /**
     * A precondition of scoring failed ({@link #DATASET}, {@link #TEST_SPLIT}, {@link #CANDIDATE_ARTIFACT}):
     * nothing could be measured, and the candidate fails.
     */
    public static Check unavailable(String gate, String metric, String reason) {
        return new Check(new GateResult(gate, metric, 0, 1, false, reason + "; the candidate cannot be evaluated",
                gate, null, null, null, null), gate + ": " + reason);
    }

    /**
     * Nothing could be measured for lack of data (e.g. {@link #TEST_SPLIT} without rows): the gate does
     * not pass, and the verdict is undecidable rather than failed unless another gate failed.
     */
    public static Check undecidable(String gate, String metric, String reason) {
        return new Check(new GateResult(gate, metric, 0, 1, false, reason + "; not decidable on these rows",
                gate, null, null, null, null, true), gate + ": " + reason);
    }

    /** An unexpected failure while measuring, gating or storing the report: the candidate fails, naming it. */
    public static Check evaluationError(RuntimeException e) {
        return evaluationError("the evaluation failed", e);
    }

    /** The same, with what was being done when it failed. */
    public static Check evaluationError(String what, RuntimeException e) {
        String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return new Check(new GateResult(EVALUATION_ERROR, "evaluationCompleted", 0, 1, false, what + " (" + message
                + "); the candidate cannot be passed", EVALUATION_ERROR, null, null, null, null),
                EVALUATION_ERROR + ": " + message);
    }

    /** No gate of the spec applied to this candidate: nothing was held, so nothing passes (fail closed). */
    public static Check noGateApplicable() {
        return new Check(new GateResult(NO_GATE, "gatesApplied", 0, 1, false, "no gate applicable to this candidate "
                + "(the spec declares none that applies, e.g. only champion comparisons for a first model); "
                + "failing closed", NO_GATE, null, null, null, null), "no gate applicable");
    }

    /** The figure could not be measured on these rows: the gate does not pass and is marked undecidable. */
    private static Check undefined(String gate, String metric, GateKind kind, double threshold, Estimate e,
                                   double confidence, String why) {
        return new Check(result(gate, metric, 0, threshold, false, why + "; not decidable on these rows (the gate "
                + "does not pass)", kind, e, confidence, null, true), gate + " undefined");
    }

    /** @param kind the quality gate's kind, null for a fairness gate */
    private static GateResult result(String gate, String metric, double value, double threshold, boolean passed,
                                     String detail, GateKind kind, Estimate e, double confidence, Double pValue) {
        return result(gate, metric, value, threshold, passed, detail, kind, e, confidence, pValue, null);
    }

    /** @param undecidable true for a gate whose figure could not be measured on these rows, else null */
    private static GateResult result(String gate, String metric, double value, double threshold, boolean passed,
                                     String detail, GateKind kind, Estimate e, double confidence, Double pValue,
                                     Boolean undecidable) {
        return new GateResult(gate, metric, value, threshold, passed, detail, kind == null ? FAIRNESS : kindName(kind),
                e.lower(), e.upper(), e.lower() == null ? null : confidence, pValue, undecidable);
    }

    /** A quality gate's name, e.g. {@code non-inferiority.accuracy}. */
    private static String gateName(QualityGate q) {
        return kindName(q.kind()) + "." + q.metric().wireName();
    }

    private static String interval(Estimate e, double confidence) {
        return e.lower() == null ? "no interval" : percent(confidence) + " interval " + fmt(e.low()) + " to " + fmt(e.high());
    }

    private static String pairedInterval(Estimate e, double confidence) {
        return e.lower() == null ? "no interval" : percent(confidence) + " paired bootstrap interval " + signed(e.low())
                + " to " + signed(e.high());
    }

    static String percent(double confidence) {
        return BigDecimal.valueOf(confidence).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    static String fmt(Double v) {
        if (v != null && v >= FairnessMeasure.INFINITE_RATIO) {
            return "+∞";
        }
        return v == null || Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String signed(double v) {
        return Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%+.3f", v);
    }
}
