package io.driftloop.driftdetector.domain.concept;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * ADWIN2, the adaptive sliding window of Bifet &amp; Gavaldà ("Learning from Time-Changing Data with
 * Adaptive Windowing", SDM 2007), as MOA's {@code ADWINChangeDetector} and River's {@code ADWIN} run
 * it.
 *
 * <p>The window is kept as an exponential histogram: row {@code i} holds buckets of
 * {@code 2^i} values (their total and variance), at most {@code maxBuckets} per row; when a row
 * overflows its two oldest buckets merge into one bucket of the next row. So a window of width
 * {@code W} costs {@code O(maxBuckets · log W)} memory.
 *
 * <p>Every {@code clock} values, once the window is longer than {@code gracePeriod}, each boundary
 * between buckets splits the window into an older part {@code W0} (n0 values, mean μ0) and a newer
 * part {@code W1} (n1, μ1), scanning from the oldest boundary. With {@code n} the window's width,
 * {@code σ²} its variance, {@code δ' = δ / ln n} and {@code m = 1/(n0 − L + 1) + 1/(n1 − L + 1)}
 * for the minimum sub-window length {@code L}, the split is a cut when both parts hold more than
 * {@code L + 1} values and
 * <pre>  |μ0 − μ1| &gt; sqrt(2 · m · σ² · ln(2/δ')) + (2/3) · m · ln(2/δ')</pre>
 * (the Bernstein-type bound of the 2008 revision). On a cut the oldest bucket is dropped and the
 * scan starts again, until no split is a cut. Dropping the old part is ADWIN's reaction to a change,
 * so it never needs a reset after one.
 *
 * <p>ADWIN finds increases and decreases of the mean alike; like MOA's {@code ADWINChangeDetector},
 * this detector signals {@link Signal#DRIFT} only when the window's mean after the cuts is higher
 * than before the value arrived: on an error stream only a rise calls for action, while a fall (a
 * model that improves) shrinks the window silently ({@link #cuts()} counts both). It has no warning
 * zone.
 *
 * <p>Defaults (MOA, River): δ = 0.002, clock = 32, maxBuckets = 5, minimum sub-window length
 * L = 5, grace period = 10 values. Not thread-safe.
 */
public final class Adwin implements ConceptDriftDetector {

    public static final double DEFAULT_DELTA = 0.002;
    public static final int DEFAULT_CLOCK = 32;
    public static final int DEFAULT_MAX_BUCKETS = 5;
    public static final int DEFAULT_MIN_WINDOW_LENGTH = 5;
    public static final int DEFAULT_GRACE_PERIOD = 10;

    /**
     * The plain state of an {@link Adwin}. {@code bucketTotals[i]} and {@code bucketVariances[i]}
     * are row {@code i}'s buckets (each of {@code 2^i} values), oldest first; the variances are sums
     * of squared deviations from the bucket's mean. {@code droppedMean}/{@code windowMean} describe
     * the most recent drift (null before the first).
     */
    public record State(
            double delta,
            int clock,
            int maxBuckets,
            int minWindowLength,
            int gracePeriod,
            long seen,
            long width,
            double total,
            double variance,
            double[][] bucketTotals,
            double[][] bucketVariances,
            long cuts,
            long detections,
            Double droppedMean,
            Double windowMean) {
    }

    private final double delta;
    private final int clock;
    private final int maxBuckets;
    private final int minWindowLength;
    private final int gracePeriod;

    /** Row i: bucket totals and variances, oldest first, {@code counts[i]} of them in use. */
    private final List<double[]> totals = new ArrayList<>();
    private final List<double[]> variances = new ArrayList<>();
    private final List<Integer> counts = new ArrayList<>();
    private long seen;
    private long width;
    private double total;
    private double variance;
    private long cuts;
    private long detections;
    private Double droppedMean;
    private Double windowMean;

    /**
     * @param delta           confidence of a cut, in (0, 1): the smaller, the fewer false alarms and the later a detection
     * @param clock           the window is checked for cuts every {@code clock} values, at least 1
     * @param maxBuckets      buckets per row of the histogram before two merge, at least 2
     * @param minWindowLength a sub-window needs more than {@code minWindowLength + 1} values to be compared, at least 1
     * @param gracePeriod     no check before the window holds more than this many values, at least 0
     */
    public Adwin(double delta, int clock, int maxBuckets, int minWindowLength, int gracePeriod) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("ADWIN delta must be in (0, 1), got " + delta);
        }
        if (clock < 1) {
            throw new IllegalArgumentException("ADWIN clock must be at least 1 value, got " + clock);
        }
        if (maxBuckets < 2) {
            throw new IllegalArgumentException("ADWIN maxBuckets must be at least 2 per row, got " + maxBuckets);
        }
        if (minWindowLength < 1) {
            throw new IllegalArgumentException("ADWIN minWindowLength must be at least 1 value, got " + minWindowLength);
        }
        if (gracePeriod < 0) {
            throw new IllegalArgumentException("ADWIN gracePeriod must not be negative, got " + gracePeriod);
        }
        this.delta = delta;
        this.clock = clock;
        this.maxBuckets = maxBuckets;
        this.minWindowLength = minWindowLength;
        this.gracePeriod = gracePeriod;
        reset();
    }

    /** δ = 0.002, clock 32, 5 buckets per row, minimum sub-window 5, grace period 10 (MOA, River). */
    public static Adwin defaults() {
        return new Adwin(DEFAULT_DELTA, DEFAULT_CLOCK, DEFAULT_MAX_BUCKETS, DEFAULT_MIN_WINDOW_LENGTH, DEFAULT_GRACE_PERIOD);
    }

    @Override
    public DetectorKind kind() {
        return DetectorKind.ADWIN;
    }

    @Override
    public void reset() {
        totals.clear();
        variances.clear();
        counts.clear();
        addRow();
        seen = 0;
        width = 0;
        total = 0;
        variance = 0;
    }

    @Override
    public Signal update(double value) {
        Values.requireFinite(value);
        double meanBefore = total / width; // NaN on the first value, which cannot make a cut
        seen++;
        insert(value);
        if (seen % clock != 0 || width <= gracePeriod) {
            return Signal.NONE;
        }
        long droppedCount = 0;
        double droppedTotal = 0;
        boolean cut = true;
        while (cut) {
            cut = false;
            long n0 = 0;
            long n1 = width;
            double u0 = 0;
            double u1 = total;
            scan:
            for (int i = totals.size() - 1; i >= 0; i--) {
                double[] rowTotals = totals.get(i);
                int count = counts.get(i);
                long size = 1L << i;
                for (int k = 0; k < count; k++) {
                    n0 += size;
                    n1 -= size;
                    u0 += rowTotals[k];
                    u1 -= rowTotals[k];
                    if (i == 0 && k == count - 1) {
                        break scan; // the newest bucket: nothing left on the recent side
                    }
                    double difference = u0 / n0 - u1 / n1;
                    if (n1 > minWindowLength + 1 && n0 > minWindowLength + 1 && isCut(n0, n1, difference)) {
                        long lastRow = totals.size() - 1;
                        droppedTotal += totals.get((int) lastRow)[0];
                        droppedCount += 1L << lastRow;
                        dropOldestBucket();
                        cut = true;
                        break scan;
                    }
                }
            }
        }
        if (droppedCount == 0) {
            return Signal.NONE;
        }
        cuts++;
        if (!(total / width > meanBefore)) {
            return Signal.NONE;
        }
        detections++;
        droppedMean = droppedTotal / droppedCount;
        windowMean = total / width;
        return Signal.DRIFT;
    }

    /** Whether the means of the older and newer sub-windows differ by more than the bound allows. */
    private boolean isCut(long n0, long n1, double difference) {
        return Math.abs(difference) > epsilon(n0, n1);
    }

    /** The bound ε a difference of the means of sub-windows of {@code n0} and {@code n1} values must pass. */
    private double epsilon(long n0, long n1) {
        double n = width;
        double dd = Math.log(2 * Math.log(n) / delta);
        double v = variance / width;
        double m = 1.0 / (n0 - minWindowLength + 1) + 1.0 / (n1 - minWindowLength + 1);
        return Math.sqrt(2 * m * v * dd) + 2.0 / 3 * dd * m;
    }

    /**
     * Over the splits of the window at its bucket boundaries that a check would compare (both parts
     * longer than {@code minWindowLength + 1}), the one nearest to a cut — the largest
     * {@code |μ0 − μ1| − ε} — as {@code |μ0 − μ1|} and its ε; a rise and a fall alike. Empty when the
     * window has no such split. Reads the buckets only (a few dozen), so it is cheap.
     */
    @Override
    public Optional<DetectorStatistic> statistic() {
        long n0 = 0;
        long n1 = width;
        double u0 = 0;
        double u1 = total;
        DetectorStatistic nearest = null;
        double margin = Double.NEGATIVE_INFINITY;
        for (int i = totals.size() - 1; i >= 0; i--) {
            double[] rowTotals = totals.get(i);
            int count = counts.get(i);
            long size = 1L << i;
            for (int k = 0; k < count; k++) {
                n0 += size;
                n1 -= size;
                u0 += rowTotals[k];
                u1 -= rowTotals[k];
                if (n1 <= minWindowLength + 1) {
                    return Optional.ofNullable(nearest);
                }
                if (n0 > minWindowLength + 1) {
                    double difference = Math.abs(u0 / n0 - u1 / n1);
                    double epsilon = epsilon(n0, n1);
                    if (difference - epsilon > margin) {
                        margin = difference - epsilon;
                        nearest = new DetectorStatistic(difference, epsilon);
                    }
                }
            }
        }
        return Optional.ofNullable(nearest);
    }

    private void insert(double value) {
        width++;
        append(0, value, 0);
        if (width > 1) {
            // incremental update of the sum of squared deviations (the order of operations is kept
            // so that results are bit-identical to the reference implementation)
            double previousMean = total / (width - 1);
            variance += (width - 1) * (value - previousMean) * (value - previousMean) / width;
        }
        total += value;
        compress();
    }

    /** Merges the two oldest buckets of every overflowing row into one bucket of the next row. */
    private void compress() {
        for (int i = 0; i < totals.size(); i++) {
            if (counts.get(i) <= maxBuckets) {
                return;
            }
            if (i + 1 == totals.size()) {
                addRow();
            }
            double[] t = totals.get(i);
            double[] v = variances.get(i);
            // both buckets hold 2^i values; products in double so that wide windows cannot overflow
            double size = 1L << i;
            double u1 = t[0] / size;
            double u2 = t[1] / size;
            double between = size * size * (u1 - u2) * (u1 - u2) / (size + size);
            append(i + 1, t[0] + t[1], v[0] + v[1] + between);
            removeOldest(i, 2);
        }
    }

    private void dropOldestBucket() {
        int last = totals.size() - 1;
        double size = 1L << last;
        double bucketTotal = totals.get(last)[0];
        double bucketVariance = variances.get(last)[0];
        width -= 1L << last;
        total -= bucketTotal;
        double u1 = bucketTotal / size;
        double remainingMean = total / width;
        variance -= bucketVariance + size * width * (u1 - remainingMean) * (u1 - remainingMean) / (size + width);
        removeOldest(last, 1);
        if (counts.get(last) == 0 && last > 0) {
            totals.remove(last);
            variances.remove(last);
            counts.remove(last);
        }
    }

    private void addRow() {
        totals.add(new double[maxBuckets + 1]);
        variances.add(new double[maxBuckets + 1]);
        counts.add(0);
    }

    private void append(int row, double bucketTotal, double bucketVariance) {
        int k = counts.get(row);
        totals.get(row)[k] = bucketTotal;
        variances.get(row)[k] = bucketVariance;
        counts.set(row, k + 1);
    }

    private void removeOldest(int row, int n) {
        double[] t = totals.get(row);
        double[] v = variances.get(row);
        int count = counts.get(row);
        System.arraycopy(t, n, t, 0, count - n);
        System.arraycopy(v, n, v, 0, count - n);
        Arrays.fill(t, count - n, count, 0);
        Arrays.fill(v, count - n, count, 0);
        counts.set(row, count - n);
    }

    @Override
    public long seen() {
        return seen;
    }

    /** Values in the window. */
    public long width() {
        return width;
    }

    /** Changes of the mean found, up or down, since construction (not cleared by {@link #reset()}). */
    public long cuts() {
        return cuts;
    }

    /** Drifts signalled (rises of the mean) since construction (not cleared by {@link #reset()}). */
    public long detections() {
        return detections;
    }

    @Override
    public OptionalDouble estimate() {
        return width == 0 ? OptionalDouble.empty() : OptionalDouble.of(total / width);
    }

    /** The mean of the values dropped from the window at the most recent drift. */
    @Override
    public OptionalDouble meanBeforeLastDrift() {
        return Values.optional(droppedMean);
    }

    /** The mean of the window that remained after the most recent drift. */
    @Override
    public OptionalDouble meanAfterLastDrift() {
        return Values.optional(windowMean);
    }

    @Override
    public DetectorSnapshot snapshot() {
        int rows = totals.size();
        double[][] t = new double[rows][];
        double[][] v = new double[rows][];
        for (int i = 0; i < rows; i++) {
            t[i] = Arrays.copyOf(totals.get(i), counts.get(i));
            v[i] = Arrays.copyOf(variances.get(i), counts.get(i));
        }
        return DetectorSnapshot.of(new State(delta, clock, maxBuckets, minWindowLength, gracePeriod, seen, width,
                total, variance, t, v, cuts, detections, droppedMean, windowMean));
    }

    static Adwin restore(State s) {
        Adwin a = new Adwin(s.delta(), s.clock(), s.maxBuckets(), s.minWindowLength(), s.gracePeriod());
        double[][] t = s.bucketTotals();
        double[][] v = s.bucketVariances();
        if (t == null || v == null || t.length == 0 || t.length != v.length) {
            throw new IllegalArgumentException("an ADWIN snapshot needs as many rows of bucket variances as of totals, at least one");
        }
        a.totals.clear();
        a.variances.clear();
        a.counts.clear();
        long width = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i].length != v[i].length || t[i].length > s.maxBuckets()) {
                throw new IllegalArgumentException("ADWIN snapshot row " + i + " has " + t[i].length + " totals and "
                        + v[i].length + " variances; expected equal counts of at most " + s.maxBuckets());
            }
            a.addRow();
            for (int k = 0; k < t[i].length; k++) {
                a.append(i, t[i][k], v[i][k]);
            }
            width += (long) t[i].length << i;
        }
        if (width != s.width()) {
            throw new IllegalArgumentException("ADWIN snapshot width " + s.width() + " does not match its buckets ("
                    + width + " values)");
        }
        a.seen = s.seen();
        a.width = s.width();
        a.total = s.total();
        a.variance = s.variance();
        a.cuts = s.cuts();
        a.detections = s.detections();
        a.droppedMean = s.droppedMean();
        a.windowMean = s.windowMean();
        return a;
    }

    @Override
    public String toString() {
        return "ADWIN(delta=" + delta + ", clock=" + clock + ", maxBuckets=" + maxBuckets + ", width=" + width + ")";
    }
}
