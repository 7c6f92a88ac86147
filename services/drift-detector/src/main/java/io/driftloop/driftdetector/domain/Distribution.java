package io.driftloop.driftdetector.domain;

import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.DoublesSortedView;

/**
 * A weighted empirical distribution of one numeric feature: distinct values in ascending order, each
 * with a positive whole weight (how many observations it stands for), and the total count {@code n}.
 * A sample gives every value weight 1 and is exact; a KLL quantile sketch gives its retained items
 * with their weights, and its ranks are off by at most {@link #rankError()} (with the sketch's usual
 * confidence of 99%). Immutable and thread-safe.
 *
 * <p>What the rank error means for the statistics: every cumulative probability read from a sketched
 * distribution is within {@code rankError} of the true one, so a KS statistic between two
 * distributions is within {@code rankError(a) + rankError(b)} of the statistic of the data the
 * sketches summarise ({@link DriftTests#ksStatisticError}); a KLL sketch that has seen no more than
 * {@code k} values still holds them all and is exact ({@code rankError} 0).
 */
public final class Distribution {

    private final double[] values;
    /** cumulative[i] = total weight of values[0..i]; the last entry is n. */
    private final long[] cumulative;
    private final long n;
    private final double rankError;
    /*
     * Derived once on first use (a reference's distribution is reused for every window): racing
     * threads compute the same value, and volatile publishes the array whole.
     */
    private volatile double std = Double.NaN;
    private volatile BinEdges binEdges;
    private volatile double[] cdfAtValues;

    private Distribution(double[] values, long[] cumulative, double rankError) {
        this.values = values;
        this.cumulative = cumulative;
        this.n = cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
        this.rankError = rankError;
    }

    /** The exact distribution of {@code sample}, weight 1 per value; the array is not modified. NaN is refused. */
    public static Distribution of(double[] sample) {
        return ofOwned(sample.clone());
    }

    /** As {@link #of(double[])}, but sorts and overwrites {@code sample}, which the caller hands over. */
    static Distribution ofOwned(double[] sample) {
        double[] sorted = sample;
        // a reference profile's sample is stored sorted: check in one pass rather than sort again
        boolean ascending = true;
        for (int i = 1; i < sorted.length && ascending; i++) {
            ascending = Double.compare(sorted[i - 1], sorted[i]) <= 0;
        }
        if (!ascending) {
            Arrays.sort(sorted);
        }
        if (sorted.length > 0 && Double.isNaN(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("a numeric feature has no NaN values");
        }
        long[] cumulative = new long[sorted.length];
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (distinct == 0 || sorted[i] != sorted[distinct - 1]) {
                sorted[distinct++] = sorted[i];
            }
            cumulative[distinct - 1] = i + 1;
        }
        return new Distribution(trim(sorted, distinct), trim(cumulative, distinct), 0);
    }

    /**
     * The distribution a KLL sketch summarises, read from its sorted view; {@code n} is the number of
     * values the sketch has seen and {@link #rankError()} its normalised rank error
     * ({@code getNormalizedRankError(false)}), or 0 while the sketch is exact (has not compacted,
     * i.e. holds at most {@code k} values). The sketch is not modified.
     */
    public static Distribution of(KllDoublesSketch sketch) {
        if (sketch.isEmpty()) {
            return new Distribution(new double[0], new long[0], 0);
        }
        DoublesSortedView view = sketch.getSortedView();
        // the view hands out copies: its items ascending and their cumulative weights (natural ranks),
        // compacted here in place; an item of weight 0 (the min or max the view adds) is skipped
        double[] values = view.getQuantiles();
        long[] cumulative = view.getCumulativeWeights();
        int distinct = 0;
        long previous = 0;
        for (int i = 0; i < values.length; i++) {
            long total = cumulative[i];
            if (total <= previous) {
                continue;
            }
            previous = total;
            if (distinct > 0 && values[i] == values[distinct - 1]) {
                cumulative[distinct - 1] = total;
            } else {
                values[distinct] = values[i];
                cumulative[distinct++] = total;
            }
        }
        double error = sketch.isEstimationMode() ? sketch.getNormalizedRankError(false) : 0;
        return new Distribution(trim(values, distinct), trim(cumulative, distinct), error);
    }

    private static double[] trim(double[] a, int length) {
        return a.length == length ? a : Arrays.copyOf(a, length);
    }

    private static long[] trim(long[] a, int length) {
        return a.length == length ? a : Arrays.copyOf(a, length);
    }

    /** Number of observations the distribution stands for (the sum of the weights). */
    public long n() {
        return n;
    }

    /** Largest error of any cumulative probability read from this distribution, in [0, 1]; 0 when exact. */
    public double rankError() {
        return rankError;
    }

    public boolean exact() {
        return rankError == 0;
    }

    /** Number of distinct values. */
    int distinct() {
        return values.length;
    }

    /** The {@code i}-th distinct value in ascending order. */
    double value(int i) {
        return values[i];
    }

    /** The distinct values in ascending order; the array itself, not to be modified. */
    double[] values() {
        return values;
    }

    /** Cumulative weights, {@code cumulative()[i]} of the values up to the {@code i}-th; the array itself, not to be modified. */
    long[] cumulative() {
        return cumulative;
    }

    /**
     * The empirical CDF at each distinct value, {@code (double) cumulative()[i] / n()}; computed once.
     * The array itself, not to be modified.
     */
    double[] cdfAtValues() {
        double[] f = cdfAtValues;
        if (f == null) {
            f = new double[cumulative.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (double) cumulative[i] / n;
            }
            cdfAtValues = f;
        }
        return f;
    }

    /** Total weight of the values up to and including the {@code i}-th distinct one. */
    long cumulativeWeight(int i) {
        return cumulative[i];
    }

    /** Fraction of the weight at values {@code <= x} (the right-continuous empirical CDF). */
    public double cdf(double x) {
        return n == 0 ? 0 : (double) weightAtMost(x) / n;
    }

    /** Total weight of the values {@code <= x}. */
    long weightAtMost(double x) {
        int i = upperBound(x);
        return i == 0 ? 0 : cumulative[i - 1];
    }

    /** Total weight of the values {@code < x}. */
    long weightBelow(double x) {
        int i = lowerBound(x);
        return i == 0 ? 0 : cumulative[i - 1];
    }

    public double mean() {
        double sum = 0;
        long previous = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i] * (cumulative[i] - previous);
            previous = cumulative[i];
        }
        return sum / n;
    }

    /** Population standard deviation (divisor n, numpy's default {@code ddof=0}); computed once. */
    public double std() {
        double s = std;
        if (Double.isNaN(s)) {
            s = computeStd();
            std = s;
        }
        return s;
    }

    private double computeStd() {
        double mean = mean();
        double sum = 0;
        long previous = 0;
        for (int i = 0; i < values.length; i++) {
            double d = values[i] - mean;
            sum += d * d * (cumulative[i] - previous);
            previous = cumulative[i];
        }
        return Math.sqrt(sum / n);
    }

    /**
     * The distinct values among the quantiles at {@code 1/bins .. (bins-1)/bins}, ascending
     * ({@link DriftTests#referenceBins}); kept for the number of bins asked last. The array itself,
     * not to be modified.
     */
    double[] quantileBinEdges(int bins) {
        BinEdges kept = binEdges;
        if (kept == null || kept.bins() != bins) {
            kept = new BinEdges(bins, computeQuantileBinEdges(bins));
            binEdges = kept;
        }
        return kept.edges();
    }

    private record BinEdges(int bins, double[] edges) {
    }

    private double[] computeQuantileBinEdges(int bins) {
        double[] edges = new double[bins - 1];
        for (int k = 1; k < bins; k++) {
            edges[k - 1] = quantile((double) k / bins);
        }
        // ascending and distinct as Double orders and compares them (interpolation may round out of order)
        Arrays.sort(edges);
        int distinct = 0;
        for (double q : edges) {
            if (distinct == 0 || Double.compare(q, edges[distinct - 1]) != 0) {
                edges[distinct++] = q;
            }
        }
        return trim(edges, distinct);
    }

    /**
     * The {@code p}-quantile as numpy's default ({@code method='linear'}) computes it on the sample the
     * distribution stands for, each value repeated by its weight: position {@code h = (n - 1) p}
     * between the values at positions {@code floor(h)} and {@code floor(h) + 1}.
     */
    public double quantile(double p) {
        if (n == 0) {
            throw new IllegalStateException("an empty distribution has no quantiles");
        }
        double h = (n - 1) * p;
        long below = (long) Math.floor(h);
        double lower = atPosition(below);
        double upper = atPosition(Math.min(n - 1, below + 1));
        return lower + (h - below) * (upper - lower);
    }

    /** The value at 0-based position {@code k} of the sorted sample the distribution stands for. */
    private double atPosition(long k) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > k) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return values[lo];
    }

    /** Index of the first value > x. */
    private int upperBound(double x) {
        int lo = 0;
        int hi = values.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the first value >= x. */
    private int lowerBound(double x) {
        int lo = 0;
        int hi = values.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
