package io.driftloop.driftdetector.domain;

import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The numbers of one feature (or the scores) in a {@link Window}: kept as they come, in a plain
 * array, while there are at most {@code k} of them — exactly what a KLL sketch of parameter
 * {@code k} holds then, without its per-update bookkeeping — and in a KLL sketch from the
 * {@code k+1}-th on (fed the kept values in their order first, so it is the sketch the same
 * updates would have built). {@link #sketch()} gives the sketch either way and
 * {@link #distribution()} the distribution it stands for, sorting the kept values directly
 * instead of through the sketch's sorted view. Not thread-safe.
 */
final class NumericColumn {

    private final int k;
    private double[] values;
    private int count;
    private KllDoublesSketch sketch;

    NumericColumn(int k) {
        this.k = k;
        this.values = new double[Math.min(k, 64)];
    }

    /** A column carrying on from a sketch (a restored window). */
    static NumericColumn of(KllDoublesSketch sketch) {
        NumericColumn c = new NumericColumn(sketch.getK());
        c.values = null;
        c.sketch = sketch;
        return c;
    }

    /** Adds a number; NaN is ignored, as a KLL sketch ignores it. */
    void add(double v) {
        if (Double.isNaN(v)) {
            return;
        }
        if (sketch != null) {
            sketch.update(v);
            return;
        }
        if (count == k) {
            sketch = KllDoublesSketch.newHeapInstance(k);
            for (int i = 0; i < count; i++) {
                sketch.update(values[i]);
            }
            values = null;
            sketch.update(v);
            return;
        }
        if (count == values.length) {
            values = Arrays.copyOf(values, Math.min(k, count * 2));
        }
        values[count++] = v;
    }

    /** Numbers seen. */
    long n() {
        return sketch != null ? sketch.getN() : count;
    }

    boolean isEmpty() {
        return n() == 0;
    }

    /**
     * The KLL sketch of the numbers: the column's own once it holds more than {@code k} (not to be
     * updated), else a new one built from the kept values in order.
     */
    KllDoublesSketch sketch() {
        if (sketch != null) {
            return sketch;
        }
        KllDoublesSketch s = KllDoublesSketch.newHeapInstance(k);
        for (int i = 0; i < count; i++) {
            s.update(values[i]);
        }
        return s;
    }

    /** The distribution of the numbers: exact while at most {@code k} were seen, else the sketch's. */
    Distribution distribution() {
        if (sketch != null) {
            return Distribution.of(sketch);
        }
        return Distribution.ofOwned(Arrays.copyOf(values, count));
    }

    /** The numbers in ascending order: exactly those seen while at most {@code k}; empty when none. */
    double[] sorted() {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return sorted;
    }

    /** The smallest number seen; NaN when none. */
    double min() {
        if (sketch != null) {
            return sketch.isEmpty() ? Double.NaN : sketch.getMinItem();
        }
        double min = Double.NaN;
        for (int i = 0; i < count; i++) {
            min = i == 0 ? values[i] : Math.min(min, values[i]);
        }
        return min;
    }

    /** The largest number seen; NaN when none. */
    double max() {
        if (sketch != null) {
            return sketch.isEmpty() ? Double.NaN : sketch.getMaxItem();
        }
        double max = Double.NaN;
        for (int i = 0; i < count; i++) {
            max = i == 0 ? values[i] : Math.max(max, values[i]);
        }
        return max;
    }

    /**
     * The share of the numbers in each bin that {@code splitPoints} (ascending, distinct, finite)
     * make: {@code (-inf, s0), [s0, s1), …, [s_last, +inf)}, one more than there are split points.
     * Exact counts while the numbers are kept; from a sketch, its PMF ({@code getPMF}, exclusive
     * search: a value equal to a split point falls in the bin above it), within its rank error.
     * All 0 when there are no numbers.
     */
    double[] shares(double[] splitPoints) {
        double[] shares = new double[splitPoints.length + 1];
        if (isEmpty()) {
            return shares;
        }
        if (splitPoints.length == 0) {
            shares[0] = 1;
            return shares;
        }
        if (sketch != null) {
            return sketch.getPMF(splitPoints, QuantileSearchCriteria.EXCLUSIVE);
        }
        for (int i = 0; i < count; i++) {
            shares[binOf(splitPoints, values[i])]++;
        }
        for (int b = 0; b < shares.length; b++) {
            shares[b] /= count;
        }
        return shares;
    }

    /** The number of split points at or below {@code v}: the index of its bin. */
    private static int binOf(double[] splitPoints, double v) {
        int lo = 0;
        int hi = splitPoints.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (splitPoints[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Whether the numbers are kept as they came (at most {@code k} seen, not restored from a sketch). */
    boolean exact() {
        return sketch == null;
    }
}
