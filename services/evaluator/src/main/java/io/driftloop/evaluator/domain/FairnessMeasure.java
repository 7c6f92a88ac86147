package io.driftloop.evaluator.domain;

import io.driftloop.contracts.spec.FairnessMetric;
import java.util.Locale;

/**
 * A group-fairness measure computed from each group's confusion matrix, over the gated groups only
 * (a group with fewer than the minimum rows is reported, never counted).
 *
 * <ul>
 *   <li>demographic parity difference: largest − smallest selection rate (share predicted positive);</li>
 *   <li>equal opportunity difference: largest − smallest true-positive rate, over groups with positives;</li>
 *   <li>equalized odds difference: the larger of the true-positive-rate difference and the
 *       false-positive-rate difference (over groups with negatives), as Fairlearn defines it;</li>
 *   <li>disparate impact ratio without a reference group: smallest ÷ largest selection rate
 *       (Fairlearn's {@code demographic_parity_ratio}); with one: the smallest of every other
 *       group's selection rate ÷ the reference group's.</li>
 * </ul>
 * A group counts when it has at least the minimum group size of test rows and, for a true-positive
 * rate, at least that many positives, for a false-positive rate at least that many negatives
 * ({@link GroupCounts#counts}). With fewer than two groups that count, a measure is undefined (NaN)
 * and its gate fails closed. Smallest ÷ largest is 1 when every counted rate is 0. Against a
 * reference group: undefined when the reference group is absent or not counted; a group with a
 * rate above 0 against a reference rate of 0 has the ratio +∞, represented by
 * {@link #INFINITE_RATIO} (JSON has no infinity), and a group with rate 0 against 0 the ratio 1.
 *
 * @param referenceGroup for {@link FairnessMetric#DISPARATE_IMPACT_RATIO} only; null = smallest ÷ largest
 */
public record FairnessMeasure(FairnessMetric metric, String referenceGroup) {

    /** +∞ as reported: the largest double, since JSON has no infinity; it passes any ratio threshold. */
    public static final double INFINITE_RATIO = Double.MAX_VALUE;

    /** The four measures, ratio without a reference group, always reported. */
    public static final java.util.List<FairnessMeasure> STANDARD = java.util.Arrays.stream(FairnessMetric.values())
            .map(m -> new FairnessMeasure(m, null)).toList();

    /** The metric's wire name, e.g. {@code demographic-parity-difference}. */
    public static String wireName(FairnessMetric metric) {
        return metric.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The metric's key in {@code ModelEvaluated.metrics}, e.g. {@code demographicParityDifference}. */
    public static String camelName(FairnessMetric metric) {
        StringBuilder s = new StringBuilder();
        boolean upper = false;
        for (char c : metric.name().toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                s.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return s.toString();
    }

    /** This measure's key in a report, e.g. {@code disparate-impact-ratio} or {@code disparate-impact-ratio[reference=f]}. */
    public String key() {
        return wireName(metric) + (referenceGroup == null ? "" : "[reference=" + referenceGroup + "]");
    }

    double value(long[] cells, GroupCounts groups) {
        return switch (metric) {
            case DEMOGRAPHIC_PARITY_DIFFERENCE -> spread(cells, groups, Rate.SELECTION);
            case EQUAL_OPPORTUNITY_DIFFERENCE -> spread(cells, groups, Rate.TRUE_POSITIVE);
            case EQUALIZED_ODDS_DIFFERENCE -> Math.max(spread(cells, groups, Rate.TRUE_POSITIVE),
                    spread(cells, groups, Rate.FALSE_POSITIVE));
            case DISPARATE_IMPACT_RATIO -> referenceGroup == null ? minOverMax(cells, groups) : versusReference(cells, groups);
        };
    }

    enum Rate {
        SELECTION, TRUE_POSITIVE, FALSE_POSITIVE;

        /** The group's rate, NaN when it has no row it is a share of. */
        double of(long[] cells, int g) {
            int o = g * GroupCounts.CELLS;
            long tn = cells[o + GroupCounts.TN];
            long fp = cells[o + GroupCounts.FP];
            long fn = cells[o + GroupCounts.FN];
            long tp = cells[o + GroupCounts.TP];
            return switch (this) {
                case SELECTION -> ratio(tp + fp, tn + fp + fn + tp);
                case TRUE_POSITIVE -> ratio(tp, tp + fn);
                case FALSE_POSITIVE -> ratio(fp, fp + tn);
            };
        }

        private static double ratio(long a, long b) {
            return b == 0 ? Double.NaN : a / (double) b;
        }
    }

    private static double spread(long[] cells, GroupCounts groups, Rate rate) {
        Extremes e = extremes(cells, groups, rate);
        return e == null ? Double.NaN : e.max() - e.min();
    }

    private static double minOverMax(long[] cells, GroupCounts groups) {
        Extremes e = extremes(cells, groups, Rate.SELECTION);
        if (e == null) {
            return Double.NaN;
        }
        if (e.max() == 0) {
            return 1;
        }
        return e.min() / e.max();
    }

    /** The smallest and largest rate of the groups that count for it; null when fewer than two count. */
    private static Extremes extremes(long[] cells, GroupCounts groups, Rate rate) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int counted = 0;
        for (int g = 0; g < groups.groups(); g++) {
            double r = groups.counts(g, rate) ? rate.of(cells, g) : Double.NaN;
            if (!Double.isNaN(r)) {
                counted++;
                min = Math.min(min, r);
                max = Math.max(max, r);
            }
        }
        return counted < 2 ? null : new Extremes(min, max);
    }

    private record Extremes(double min, double max) {
    }

    private double versusReference(long[] cells, GroupCounts groups) {
        int ref = groups.indexOf(referenceGroup);
        if (ref < 0 || !groups.counts(ref, Rate.SELECTION)) {
            return Double.NaN;
        }
        double reference = Rate.SELECTION.of(cells, ref);
        double min = Double.POSITIVE_INFINITY;
        int counted = 0;
        for (int g = 0; g < groups.groups(); g++) {
            double r = g != ref && groups.counts(g, Rate.SELECTION) ? Rate.SELECTION.of(cells, g) : Double.NaN;
            if (!Double.isNaN(r)) {
                counted++;
                min = Math.min(min, r);
            }
        }
        if (counted == 0 || Double.isNaN(reference)) {
            return Double.NaN;
        }
        if (reference == 0) {
            return min == 0 ? 1 : INFINITE_RATIO;
        }
        return min / reference;
    }
}
