package io.driftloop.driftdetector.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * The statistics that decide whether one feature drifted. Two p-value tests: two-sample
 * Kolmogorov–Smirnov (numeric; p-value as SciPy's {@code ks_2samp}, see {@link KsPValue}) and the
 * chi-square test of homogeneity (categorical; Commons Math). Three distances, as Evidently defines
 * them: Wasserstein-1 divided by the reference's standard deviation, Jensen–Shannon distance with the
 * natural logarithm, and the population stability index. Numeric statistics take {@link Distribution}s,
 * so a side may be a sample or a quantile sketch. Deterministic, stateless and thread-safe.
 */
public final class DriftTests {

    /** Bins of a numeric feature for Jensen–Shannon and PSI: the reference's 30-quantiles. */
    public static final int BINS = 30;
    /** Proportion an empty bin counts as in PSI, so that its logarithm is finite (not renormalised). */
    public static final double PSI_EMPTY_BIN = 1e-4;
    /**
     * Smallest standard deviation the Wasserstein distance is divided by (Evidently's floor), so a
     * constant reference gives a large finite distance for any change and 0 for none.
     */
    public static final double MIN_STD = 0.001;

    /** A test's statistic and its p-value in [0, 1]. */
    public record Result(double statistic, double pValue) {
    }

    private final ChiSquareTest chiSquare = new ChiSquareTest();

    public DriftTests() {
    }

    /** As {@link #DriftTests()}: every statistic is deterministic, so the seed is not used. */
    public DriftTests(long seed) {
        this();
    }

    /**
     * Two-sample KS test of {@code reference} against {@code sample}; each needs at least two values.
     * The arrays are not modified.
     */
    public Result ks(double[] reference, double[] sample) {
        return ks(Distribution.of(reference), Distribution.of(sample));
    }

    /**
     * Two-sample KS test: the statistic is the largest distance between the two (weighted) empirical
     * CDFs, in [0, 1], rounded as SciPy rounds it for its exact p-value; the p-value is
     * {@code P(D >= d)} for samples of {@code reference.n()} and {@code sample.n()} values
     * ({@link KsPValue}). Ties are compared as they are (no jitter). On sketches the statistic is off
     * by at most {@link #ksStatisticError}.
     */
    public Result ks(Distribution reference, Distribution sample) {
        if (reference.n() < 2 || sample.n() < 2) {
            throw new IllegalArgumentException("the KS test needs at least 2 values on each side, had "
                    + reference.n() + " and " + sample.n());
        }
        double d = ksStatistic(reference, sample);
        return new Result(KsPValue.rounded(d, reference.n(), sample.n()),
                KsPValue.twoSided(d, reference.n(), sample.n()));
    }

    /** Bound on the error of a KS statistic between two distributions: the sum of their rank errors. */
    public static double ksStatisticError(Distribution a, Distribution b) {
        return a.rankError() + b.rankError();
    }

    /** {@code max |F_a(x) - F_b(x)|} over the values of both distributions, in one merge pass. */
    static double ksStatistic(Distribution a, Distribution b) {
        double[] av = a.values();
        double[] bv = b.values();
        double[] af = a.cdfAtValues();
        double[] bf = b.cdfAtValues();
        int na = av.length;
        int nb = bv.length;
        double d = 0;
        int i = 0;
        int j = 0;
        // each side's values are distinct and ascending, so a step passes the smaller value, or both when equal
        while (i < na && j < nb) {
            double va = av[i];
            double vb = bv[j];
            i += va <= vb ? 1 : 0;
            j += vb <= va ? 1 : 0;
            double fa = i == 0 ? 0 : af[i - 1];
            double fb = j == 0 ? 0 : bf[j - 1];
            d = Math.max(d, Math.abs(fa - fb));
        }
        // one side is passed: its CDF is 1 from here, the other's rises to 1
        for (; i < na; i++) {
            d = Math.max(d, Math.abs(af[i] - (j == 0 ? 0 : bf[j - 1])));
        }
        for (; j < nb; j++) {
            d = Math.max(d, Math.abs((i == 0 ? 0 : af[i - 1]) - bf[j]));
        }
        return d;
    }

    /**
     * Chi-square test of homogeneity between reference counts and window counts per category, over
     * the union of both category sets (the Pearson statistic of the 2 x k contingency table, k - 1
     * degrees of freedom, no continuity correction); a category missing on one side counts zero
     * there, so a value never seen in training is a bin of its own. Categories zero on both sides are
     * dropped; with fewer than two categories left, or one side empty, there is nothing to compare:
     * statistic 0, p-value 1.
     */
    public Result chiSquare(Map<String, Long> reference, Map<String, Long> sample) {
        List<long[]> bins = new ArrayList<>();
        for (String c : union(reference, sample)) {
            long r = count(reference, c);
            long s = count(sample, c);
            if (r > 0 || s > 0) {
                bins.add(new long[] {r, s});
            }
        }
        long[] observedReference = bins.stream().mapToLong(b -> b[0]).toArray();
        long[] observedSample = bins.stream().mapToLong(b -> b[1]).toArray();
        if (bins.size() < 2 || sum(observedReference) == 0 || sum(observedSample) == 0) {
            return new Result(0, 1);
        }
        double statistic = chiSquare.chiSquareDataSetsComparison(observedReference, observedSample);
        // the upper tail directly (SciPy's chdtrc), not 1 - CDF, so that tiny p-values keep their digits
        return new Result(statistic, clamp(Gamma.regularizedGammaQ((bins.size() - 1) / 2.0, statistic / 2)));
    }

    /**
     * Wasserstein-1 distance between the distributions ({@code integral |F_ref - F_cur| dx}, SciPy's
     * {@code wasserstein_distance}) divided by the reference's population standard deviation (numpy's
     * {@code std}, ddof 0), at least {@link #MIN_STD}: Evidently's {@code wasserstein} statistic.
     * Both sides need at least one value.
     */
    public double wasserstein(Distribution reference, Distribution current) {
        requireValues(reference, current);
        double[] rv = reference.values();
        double[] cv = current.values();
        double[] rf = reference.cdfAtValues();
        double[] cf = current.cdfAtValues();
        int nr = rv.length;
        int nc = cv.length;
        double distance = 0;
        int i = 0;
        int j = 0;
        double previous = Math.min(rv[0], cv[0]);
        double fa = 0;
        double fb = 0;
        // one merge pass, as ksStatistic; the reference values up to the next current one in an inner
        // loop of its own (a reference is usually the larger side, so its branch is mostly predicted)
        while (j < nc) {
            double vb = cv[j];
            while (i < nr && rv[i] < vb) {
                double x = rv[i];
                distance += Math.abs(fa - fb) * (x - previous);
                fa = rf[i++];
                previous = x;
            }
            if (i == nr) {
                break;
            }
            // rv[i] >= vb: the step at vb, and at rv[i] too when they are equal
            distance += Math.abs(fa - fb) * (vb - previous);
            if (rv[i] == vb) {
                fa = rf[i++];
            }
            fb = cf[j++];
            previous = vb;
        }
        for (; i < nr; i++) {
            distance += Math.abs(fa - fb) * (rv[i] - previous);
            fa = rf[i];
            previous = rv[i];
        }
        for (; j < nc; j++) {
            distance += Math.abs(fa - fb) * (cv[j] - previous);
            fb = cf[j];
            previous = cv[j];
        }
        return distance / Math.max(reference.std(), MIN_STD);
    }

    /**
     * Jensen–Shannon distance (natural logarithm, in [0, sqrt(ln 2)]; SciPy's
     * {@code spatial.distance.jensenshannon}, as Evidently uses it) between the proportions of the
     * two sides in the reference's {@link #BINS}-quantile bins ({@link #referenceBins}).
     */
    public double jensenShannon(Distribution reference, Distribution current) {
        requireValues(reference, current);
        double[] edges = referenceBins(reference);
        return jensenShannon(binned(reference, edges), binned(current, edges));
    }

    /** Jensen–Shannon distance between the category proportions, over the union of both category sets. */
    public double jensenShannon(Map<String, Long> reference, Map<String, Long> current) {
        double[][] p = proportions(reference, current);
        return jensenShannon(p[0], p[1]);
    }

    /**
     * Population stability index {@code sum (r - c) ln(r / c)} over the reference's
     * {@link #BINS}-quantile bins, an empty bin's proportion counting as {@link #PSI_EMPTY_BIN}.
     */
    public double psi(Distribution reference, Distribution current) {
        requireValues(reference, current);
        double[] edges = referenceBins(reference);
        return psi(binned(reference, edges), binned(current, edges));
    }

    /** Population stability index over the union of both category sets. */
    public double psi(Map<String, Long> reference, Map<String, Long> current) {
        double[][] p = proportions(reference, current);
        return psi(p[0], p[1]);
    }

    /**
     * The inner edges of the reference's quantile bins: the distinct values among its quantiles at
     * {@code 1/BINS .. (BINS-1)/BINS} (numpy's linear interpolation). Bin {@code i} holds the values in
     * {@code [edge[i-1], edge[i])}; the first bin is open below and the last open above, so window
     * values beyond the reference's range fall in the outer bins. The array is the distribution's own,
     * not to be modified.
     */
    static double[] referenceBins(Distribution reference) {
        // kept by the distribution: a reference is binned once, not once per window
        return reference.quantileBinEdges(BINS);
    }

    /** Proportion of the distribution's weight in each bin of {@code edges}. */
    static double[] binned(Distribution d, double[] edges) {
        double[] p = new double[edges.length + 1];
        long previous = 0;
        for (int i = 0; i < edges.length; i++) {
            long below = d.weightBelow(edges[i]);
            p[i] = (double) (below - previous) / d.n();
            previous = below;
        }
        p[edges.length] = (double) (d.n() - previous) / d.n();
        return p;
    }

    static double jensenShannon(double[] p, double[] q) {
        double sp = 0;
        double sq = 0;
        for (int i = 0; i < p.length; i++) {
            sp += p[i];
            sq += q[i];
        }
        double divergence = 0;
        for (int i = 0; i < p.length; i++) {
            double pi = p[i] / sp;
            double qi = q[i] / sq;
            double m = (pi + qi) / 2;
            divergence += relativeEntropy(pi, m) + relativeEntropy(qi, m);
        }
        return Math.sqrt(Math.max(0, divergence / 2));
    }

    static double psi(double[] reference, double[] current) {
        double sum = 0;
        for (int i = 0; i < reference.length; i++) {
            double r = reference[i] == 0 ? PSI_EMPTY_BIN : reference[i];
            double c = current[i] == 0 ? PSI_EMPTY_BIN : current[i];
            sum += (r - c) * Math.log(r / c);
        }
        return sum;
    }

    private static double relativeEntropy(double x, double y) {
        return x == 0 ? 0 : x * Math.log(x / y);
    }

    /** Proportions of each category on each side, over the sorted union; a side without counts is all zeros. */
    private static double[][] proportions(Map<String, Long> reference, Map<String, Long> current) {
        TreeSet<String> categories = union(reference, current);
        double[][] p = new double[2][categories.size()];
        double totalReference = 0;
        double totalCurrent = 0;
        for (String c : categories) {
            totalReference += count(reference, c);
            totalCurrent += count(current, c);
        }
        if (totalReference == 0 || totalCurrent == 0) {
            throw new IllegalArgumentException("a distance needs counts on both sides, had "
                    + (long) totalReference + " and " + (long) totalCurrent);
        }
        int i = 0;
        for (String c : categories) {
            p[0][i] = count(reference, c) / totalReference;
            p[1][i] = count(current, c) / totalCurrent;
            i++;
        }
        return p;
    }

    private static TreeSet<String> union(Map<String, Long> a, Map<String, Long> b) {
        TreeSet<String> categories = new TreeSet<>(a.keySet());
        categories.addAll(b.keySet());
        return categories;
    }

    private static long count(Map<String, Long> counts, String category) {
        Long c = counts.get(category);
        return c == null ? 0 : Math.max(0, c);
    }

    private static void requireValues(Distribution a, Distribution b) {
        if (a.n() == 0 || b.n() == 0) {
            throw new IllegalArgumentException("a distance needs values on both sides, had " + a.n() + " and " + b.n());
        }
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }

    /** Rounding can push a p-value a hair outside [0, 1]; NaN (no information) means no evidence of drift. */
    private static double clamp(double p) {
        if (Double.isNaN(p)) {
            return 1;
        }
        return Math.max(0, Math.min(1, p));
    }
}
