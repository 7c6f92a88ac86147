package io.driftloop.dataprep.domain;

import io.driftloop.contracts.dataset.Split;
import io.driftloop.contracts.events.DatasetSizing;
import io.driftloop.contracts.spec.AttributeSpec;
import io.driftloop.contracts.spec.FairnessGate;
import io.driftloop.contracts.spec.FairnessMetric;
import io.driftloop.contracts.spec.GateSpec;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.QualityGate;
import io.driftloop.contracts.spec.QualityMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * How many labelled examples a dataset needs so that every gate the spec declares can decide, counted
 * exactly on the examples at hand (each example's split is a function of its request id alone, so its
 * test rows are known before the cut). The requirements, all on the <em>test</em> split:
 * <ul>
 *   <li>the request's minimum number of examples (all splits);</li>
 *   <li>fairness: for every fairness gate and every sensitive attribute it covers (and every pair of them
 *       when {@code gates.intersections} is on), every group seen among the examples has at least
 *       {@code gates.minGroupSize} test rows; at least that many positives too for a measure built on
 *       true-positive rates (equal opportunity, equalized odds), and negatives for equalized odds;</li>
 *   <li>quality: with z the normal quantile of (1 + {@code gates.confidence}) / 2 and w
 *       {@code gates.maxIntervalWidth}, a proportion (accuracy, precision, F1, PR-AUC) has an interval at
 *       most w wide once its rows n satisfy 2·z·√(0.25 / n) ≤ w, the worst case p = 0.5, i.e. n ≥ z²/w²
 *       test rows (recall: that many positives); ROC-AUC by Hanley and McNeil's variance at AUC 0.5,
 *       (P + N + 1) / (12·P·N), i.e. P·N / (P + N + 1) ≥ z² / (3·w²) for P positives and N negatives.
 *       Log loss, Brier score and ECE are not proportions; their gates add no requirement.</li>
 * </ul>
 * {@link #plan} walks the examples newest first and cuts at the first count that meets every
 * requirement, then keeps up to {@code training.maxExamples} (sizing can raise that cap, never lower
 * what is needed). Pure and thread-safe.
 */
public final class SizingRule {

    /** What the rule needs to know of one example: its split, its label and its attributes. */
    public record Example(Split split, int label, Map<String, ?> attributes) {
    }

    /** Test-split counts of one group (or of all examples when {@code group} is null). */
    private static final class Counts {
        int rows;
        int positives;
    }

    /** One requirement: a count of test rows, positives or negatives of a group, or a ROC-AUC pair. */
    private record Requirement(String group, Kind kind, double needed) {

        enum Kind { EXAMPLES, TEST_ROWS, POSITIVES, NEGATIVES, ROC_AUC }

        /** The key of the counts it reads: its group, or "" for the whole test split. */
        String key() {
            return group == null ? "" : group;
        }

        double have(int examples, Counts c) {
            return switch (kind) {
                case EXAMPLES -> examples;
                case TEST_ROWS -> c.rows;
                case POSITIVES -> c.positives;
                case NEGATIVES -> c.rows - c.positives;
                case ROC_AUC -> {
                    double p = c.positives;
                    double n = c.rows - c.positives;
                    yield p * n / (p + n + 1);
                }
            };
        }

        boolean met(int examples, Counts c) {
            return have(examples, c) >= needed - 1e-9;
        }

        /** "gender=f: 20 test rows (had 23)". */
        String describe(int examples, Counts c) {
            String where = group == null ? "" : group + ": ";
            return switch (kind) {
                case EXAMPLES -> "examples: " + (int) needed + " (had " + examples + ")";
                case TEST_ROWS -> where + (int) needed + " test rows (had " + c.rows + ")";
                case POSITIVES -> where + (int) needed + " test positives (had " + c.positives + ")";
                case NEGATIVES -> where + (int) needed + " test negatives (had " + (c.rows - c.positives) + ")";
                case ROC_AUC -> String.format(Locale.ROOT, "rocAuc interval: P·N/(P+N+1) >= %.1f test rows "
                        + "(had %.1f: %d positives, %d negatives)", needed, have(examples, c), c.positives,
                        c.rows - c.positives);
            };
        }

        /** "group b has 12 of 20 test rows". */
        String progress(int examples, Counts c) {
            String who = group == null ? "the test split" : "group " + group;
            return switch (kind) {
                case EXAMPLES -> examples + " of " + (int) needed + " examples";
                case TEST_ROWS -> who + " has " + c.rows + " of " + (int) needed + " test rows";
                case POSITIVES -> who + " has " + c.positives + " of " + (int) needed + " test positives";
                case NEGATIVES -> who + " has " + (c.rows - c.positives) + " of " + (int) needed + " test negatives";
                case ROC_AUC -> String.format(Locale.ROOT, "the test split's ROC-AUC pairs reach %.1f of %.1f",
                        have(examples, c), needed);
            };
        }

        /**
         * Examples needed to meet this requirement, if examples keep arriving with the shares seen in
         * {@code c} out of {@code examples}; {@link Integer#MAX_VALUE} when nothing counted yet.
         */
        int estimate(int examples, Counts c) {
            if (kind == Kind.EXAMPLES) {
                return (int) Math.ceil(needed);
            }
            if (examples == 0) {
                return Integer.MAX_VALUE;
            }
            double per;
            if (kind == Kind.ROC_AUC) {
                double p = c.positives / (double) examples;
                double q = (c.rows - c.positives) / (double) examples;
                // n·p·n·q / (n·(p + q) + 1) >= needed, solved for n
                if (p <= 0 || q <= 0) {
                    return Integer.MAX_VALUE;
                }
                double a = p * q;
                double b = -needed * (p + q);
                double n = (-b + Math.sqrt(b * b + 4 * a * needed)) / (2 * a);
                return (int) Math.min(Integer.MAX_VALUE, Math.ceil(n));
            }
            per = have(examples, c) / examples;
            return per <= 0 ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, Math.ceil(needed / per));
        }
    }

    /**
     * The outcome: how many of the newest examples to take, whether they meet every requirement,
     * and, for the record and for progress lines, every requirement with its count.
     *
     * @param take      examples to take, newest first (0 when none are available)
     * @param sizing    the record published with the dataset
     * @param progress  one line for an operator waiting, e.g. "group b has 12 of 20 test rows; 640 of 1900 examples"
     */
    public record Plan(int take, DatasetSizing sizing, String progress) {

        public boolean sufficient() {
            return sizing.sufficient();
        }
    }

    private SizingRule() {
    }

    /** Test rows a proportion needs for an interval at most {@code width} wide at {@code confidence}: z²/w². */
    public static int proportionRows(double confidence, double width) {
        double z = z(confidence);
        return (int) Math.ceil(z * z / (width * width) - 1e-9);
    }

    /** P·N/(P+N+1) a ROC-AUC interval at most {@code width} wide needs at {@code confidence}: z²/(3·w²). */
    public static double rocAucPairs(double confidence, double width) {
        double z = z(confidence);
        return z * z / (3 * width * width);
    }

    /**
     * The plan for a dataset of {@code spec} (defaults filled in) from {@code newestFirst}, the
     * examples available, newest first, and at least {@code minExamples} of them.
     *
     * @param waitedMillis how long the caller has waited so far (recorded in the sizing)
     */
    public static Plan plan(ModelSpec spec, int minExamples, List<Example> newestFirst, long waitedMillis) {
        return plan(spec, minExamples, newestFirst, waitedMillis, spec.training().maxExamples());
    }

    /** The same, keeping up to {@code cap} examples once every requirement is met (instead of {@code maxExamples}). */
    public static Plan plan(ModelSpec spec, int minExamples, List<Example> newestFirst, long waitedMillis, int cap) {
        List<Requirement> requirements = requirements(spec, minExamples, newestFirst);
        Map<String, Counts> counts = new LinkedHashMap<>();
        Set<String> groupsOf = new LinkedHashSet<>();
        requirements.forEach(r -> groupsOf.add(r.key()));
        for (String g : groupsOf) {
            counts.put(g, new Counts());
        }
        List<String[]> keys = groupKeys(spec);
        int metAt = -1;
        int n = 0;
        for (Example e : newestFirst) {
            n++;
            count(e, keys, counts);
            if (metAt < 0 && allMet(requirements, n, counts)) {
                metAt = n;
            }
            if (metAt >= 0 && n >= cap) {
                break;
            }
        }
        int available = n;
        boolean sufficient = metAt >= 0;
        // short of a requirement: what it needs, estimated from the shares seen in everything at hand
        int required = metAt;
        if (!sufficient) {
            required = minExamples;
            for (Requirement r : requirements) {
                required = Math.max(required, r.estimate(available, counts.get(r.key())));
            }
        }
        // not sufficient (a deadline): everything at hand, but no more than the estimate asks for
        int take = sufficient ? Math.max(metAt, Math.min(available, cap))
                : Math.min(available, Math.max(cap, required));
        List<String> described = new ArrayList<>();
        List<String> shortfalls = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        // the counts describe the taken examples; recount when more were walked than taken
        Map<String, Counts> taken = take == available ? counts : recount(keys, newestFirst.subList(0, take), groupsOf);
        for (Requirement r : requirements) {
            Counts c = taken.get(r.key());
            described.add(r.describe(take, c));
            if (!r.met(take, c)) {
                shortfalls.add(r.describe(take, c));
                if (r.kind() != Requirement.Kind.EXAMPLES) {
                    waiting.add(r.progress(take, c));
                }
            }
        }
        waiting.add(take + " of " + (required == Integer.MAX_VALUE ? "?" : String.valueOf(required)) + " examples");
        String progress = sufficient ? "every gate can decide with " + metAt + " examples"
                : String.join("; ", waiting);
        return new Plan(take, new DatasetSizing(required == Integer.MAX_VALUE ? take : required, take, sufficient,
                described, shortfalls, waitedMillis), progress);
    }

    private static Map<String, Counts> recount(List<String[]> keys, List<Example> examples, Set<String> groups) {
        Map<String, Counts> counts = new LinkedHashMap<>();
        groups.forEach(g -> counts.put(g, new Counts()));
        examples.forEach(e -> count(e, keys, counts));
        return counts;
    }

    /** Counts a test row in the whole test split ("") and in each of its groups that a requirement counts. */
    private static void count(Example e, List<String[]> keys, Map<String, Counts> counts) {
        if (e.split() != Split.TEST) {
            return;
        }
        add(counts.get(""), e.label());
        for (String[] key : keys) {
            String group = group(key, e.attributes());
            if (group != null) {
                add(counts.get(group), e.label());
            }
        }
    }

    private static void add(Counts c, int label) {
        if (c != null) {
            c.rows++;
            c.positives += label == 1 ? 1 : 0;
        }
    }

    private static boolean allMet(List<Requirement> requirements, int examples, Map<String, Counts> counts) {
        for (Requirement r : requirements) {
            if (!r.met(examples, counts.get(r.key()))) {
                return false;
            }
        }
        return true;
    }

    /** The requirements of {@code spec}'s gates, with the fairness groups seen among {@code examples}. */
    private static List<Requirement> requirements(ModelSpec spec, int minExamples, List<Example> examples) {
        GateSpec gates = spec.gates();
        List<Requirement> out = new ArrayList<>();
        out.add(new Requirement(null, Requirement.Kind.EXAMPLES, minExamples));
        int rows = proportionRows(gates.confidence(), gates.maxIntervalWidth());
        Set<QualityMetric> metrics = new TreeSet<>();
        for (QualityGate q : gates.quality()) {
            metrics.add(q.metric());
        }
        if (metrics.stream().anyMatch(m -> m == QualityMetric.ACCURACY || m == QualityMetric.PRECISION
                || m == QualityMetric.F1 || m == QualityMetric.PR_AUC)) {
            out.add(new Requirement(null, Requirement.Kind.TEST_ROWS, rows));
        }
        if (metrics.contains(QualityMetric.RECALL)) {
            out.add(new Requirement(null, Requirement.Kind.POSITIVES, rows));
        }
        if (metrics.contains(QualityMetric.ROC_AUC)) {
            out.add(new Requirement(null, Requirement.Kind.ROC_AUC, rocAucPairs(gates.confidence(),
                    gates.maxIntervalWidth())));
        }
        // per group: the strictest need of every fairness gate that covers its attribute
        Map<String, boolean[]> needs = new LinkedHashMap<>();
        for (FairnessGate f : gates.fairness()) {
            boolean tpr = f.metric() == FairnessMetric.EQUAL_OPPORTUNITY_DIFFERENCE
                    || f.metric() == FairnessMetric.EQUALIZED_ODDS_DIFFERENCE;
            boolean fpr = f.metric() == FairnessMetric.EQUALIZED_ODDS_DIFFERENCE;
            for (String[] key : groupKeys(spec, f)) {
                needs.merge(String.join("×", key), new boolean[] {tpr, fpr},
                        (a, b) -> new boolean[] {a[0] || b[0], a[1] || b[1]});
            }
        }
        int min = gates.minGroupSize();
        for (Map.Entry<String, boolean[]> need : needs.entrySet()) {
            String[] key = need.getKey().split("×");
            Set<String> seen = new TreeSet<>();
            for (Example e : examples) {
                String g = group(key, e.attributes());
                if (g != null) {
                    seen.add(g);
                }
            }
            for (String g : seen) {
                out.add(new Requirement(g, Requirement.Kind.TEST_ROWS, min));
                if (need.getValue()[0]) {
                    out.add(new Requirement(g, Requirement.Kind.POSITIVES, min));
                }
                if (need.getValue()[1]) {
                    out.add(new Requirement(g, Requirement.Kind.NEGATIVES, min));
                }
            }
        }
        return out;
    }

    /** Every attribute (or pair of attributes) some fairness gate of the spec covers. */
    private static List<String[]> groupKeys(ModelSpec spec) {
        Set<String> joined = new LinkedHashSet<>();
        for (FairnessGate f : spec.gates().fairness()) {
            groupKeys(spec, f).forEach(k -> joined.add(String.join("×", k)));
        }
        return joined.stream().map(k -> k.split("×")).toList();
    }

    private static List<String[]> groupKeys(ModelSpec spec, FairnessGate f) {
        List<String> sensitive = spec.attributes().stream().filter(AttributeSpec::sensitive).map(AttributeSpec::name)
                .filter(a -> f.attributes() == null || f.attributes().contains(a)).toList();
        List<String[]> keys = new ArrayList<>();
        sensitive.forEach(a -> keys.add(new String[] {a}));
        if (Boolean.TRUE.equals(spec.gates().intersections()) && f.referenceGroup() == null) {
            for (int i = 0; i < sensitive.size(); i++) {
                for (int j = i + 1; j < sensitive.size(); j++) {
                    keys.add(new String[] {sensitive.get(i), sensitive.get(j)});
                }
            }
        }
        return keys;
    }

    /** "gender=f" or "gender×region=f×north"; null when the example lacks one of the attributes. */
    private static String group(String[] key, Map<String, ?> attributes) {
        if (attributes == null) {
            return null;
        }
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < key.length; i++) {
            Object v = attributes.get(key[i]);
            if (v == null) {
                return null;
            }
            values.append(i == 0 ? "" : "×").append(v);
        }
        return String.join("×", key) + "=" + values;
    }

    private static double z(double confidence) {
        return new NormalDistribution().inverseCumulativeProbability((1 + confidence) / 2);
    }
}
