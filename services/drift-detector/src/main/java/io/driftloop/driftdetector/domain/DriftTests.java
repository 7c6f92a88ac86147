package io.driftloop.driftdetector.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * The two-sample tests that decide whether one feature drifted: Kolmogorov–Smirnov for numeric
 * features, chi-square for categorical ones (Apache Commons Math). Deterministic: the generator the
 * KS test may draw from is seeded, and its tie-breaking jitter is seeded by the library. Not
 * thread-safe; one instance per caller.
 */
public final class DriftTests {

    /** Name of the KS test in {@link io.driftloop.contracts.events.FeatureDrift#test()}. */
    public static final String KS = "ks";
    /** Name of the chi-square test in {@link io.driftloop.contracts.events.FeatureDrift#test()}. */
    public static final String CHI_SQUARE = "chi-square";

    /** A test's statistic and its p-value in [0, 1]. */
    public record Result(double statistic, double pValue) {
    }

    private final KolmogorovSmirnovTest ks;
    private final ChiSquareTest chiSquare = new ChiSquareTest();

    public DriftTests(long seed) {
        this.ks = new KolmogorovSmirnovTest(new Well19937c(seed));
    }

    /**
     * Two-sample KS test of {@code reference} against {@code sample}; each needs at least two
     * values. The statistic is the largest distance between the empirical CDFs, in [0, 1]. The
     * arrays are not modified.
     */
    public Result ks(double[] reference, double[] sample) {
        if (reference.length < 2 || sample.length < 2) {
            throw new IllegalArgumentException("the KS test needs at least 2 values on each side, had "
                    + reference.length + " and " + sample.length);
        }
        double statistic = ks.kolmogorovSmirnovStatistic(reference, sample);
        // not strict: P(D >= d), the usual p-value (the strict default gives P(D > d), 0 for d = 1)
        double p = ks.kolmogorovSmirnovTest(reference.clone(), sample.clone(), false);
        return new Result(statistic, clamp(p));
    }

    /**
     * Chi-square test of homogeneity between reference counts and window counts per category, over
     * the union of both category sets; a category missing on one side counts zero there, so a value
     * never seen in training is a bin of its own. Categories zero on both sides are dropped; with
     * fewer than two categories left, or one side empty, there is nothing to compare: statistic 0,
     * p-value 1.
     */
    public Result chiSquare(Map<String, Long> reference, Map<String, Long> sample) {
        TreeSet<String> categories = new TreeSet<>(reference.keySet());
        categories.addAll(sample.keySet());
        List<long[]> bins = new ArrayList<>();
        for (String c : categories) {
            long r = Math.max(0, reference.getOrDefault(c, 0L));
            long s = Math.max(0, sample.getOrDefault(c, 0L));
            if (r > 0 || s > 0) {
                bins.add(new long[] {r, s});
            }
        }
        long[] observedReference = bins.stream().mapToLong(b -> b[0]).toArray();
        long[] observedSample = bins.stream().mapToLong(b -> b[1]).toArray();
        if (bins.size() < 2 || sum(observedReference) == 0 || sum(observedSample) == 0) {
            return new Result(0, 1);
        }
        return new Result(chiSquare.chiSquareDataSetsComparison(observedReference, observedSample),
                clamp(chiSquare.chiSquareTestDataSetsComparison(observedReference, observedSample)));
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
