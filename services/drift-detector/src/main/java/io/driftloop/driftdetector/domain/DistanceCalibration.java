package io.driftloop.driftdetector.domain;

import io.driftloop.contracts.spec.DriftTest;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.WeakHashMap;

/**
 * Turns a distance (Wasserstein, Jensen–Shannon, PSI) into a p-value with a known false-positive
 * rate at the sizes it is measured at. A distance between two samples of one distribution is not
 * zero: how large it gets by chance depends on both sample sizes, so a fixed distance threshold
 * raises false alarms at a rate nobody chose (3–4 % of 500-event windows per numeric feature at 0.1).
 * Under the null hypothesis the reference (its own size) and the window (its size) are independent
 * samples of one distribution; that distribution is taken to be the reference's, two such samples
 * are drawn {@value #RESAMPLES} times and the distance between them measured exactly as the window's
 * is. The p-value is {@code (1 + #{null distances >= observed}) / (1 + RESAMPLES)}.
 *
 * <p>The null distances are computed once per (reference, test, window size) and kept while the
 * reference lives. Window sizes are rounded down to a power of 2^(1/4) (a smaller window makes larger
 * chance distances, so rounding down errs on the side of fewer alarms), and both sizes are capped at
 * {@value #MAX_SIMULATED} (beyond it the chance distances only shrink). The draws are seeded by the
 * sizes and the test, so the same inputs give the same p-value. Thread-safe.
 */
public final class DistanceCalibration {

    /** Null distances simulated per (reference, test, window size). */
    public static final int RESAMPLES = 1000;
    /** Largest sample size simulated. */
    static final int MAX_SIMULATED = 20_000;

    private final DriftTests tests;
    /** Per reference object (a profile's distribution or counts): the sorted null distances by test and size. */
    private final Map<Object, Map<String, double[]>> nulls = Collections.synchronizedMap(new WeakHashMap<>());

    public DistanceCalibration(DriftTests tests) {
        this.tests = tests;
    }

    /** The p-value of {@code distance} by {@code test} between {@code reference} and a window of {@code windowSize}. */
    public double pValue(DriftTest test, Distribution reference, long windowSize, double distance) {
        int m = sizeClass(windowSize);
        int n = (int) Math.min(reference.n(), MAX_SIMULATED);
        double[] sorted = nulls(reference, test.wireName() + "/" + m, () -> numericNull(test, reference, n, m));
        return pValue(sorted, distance);
    }

    /** The same for categorical {@code reference} counts (of {@code referenceSize} examples). */
    public double pValue(DriftTest test, Map<String, Long> reference, long referenceSize, long windowSize,
                         double distance) {
        int m = sizeClass(windowSize);
        int n = (int) Math.min(referenceSize, MAX_SIMULATED);
        double[] sorted = nulls(reference, test.wireName() + "/" + m,
                () -> categoricalNull(test, reference, n, m));
        return pValue(sorted, distance);
    }

    /** {@code size} rounded down to a power of 2^(1/4) (exact for 2, 4, 8, …), at most {@value #MAX_SIMULATED}. */
    static int sizeClass(long size) {
        if (size <= 2) {
            return (int) Math.max(1, size);
        }
        double k = Math.floor(4 * Math.log(Math.min(size, MAX_SIMULATED)) / Math.log(2) + 1e-9);
        return (int) Math.max(2, Math.floor(Math.pow(2, k / 4) + 1e-9));
    }

    static double pValue(double[] sortedNull, double distance) {
        // the count of null distances at least the observed one
        int at = Arrays.binarySearch(sortedNull, distance);
        int firstAtLeast;
        if (at < 0) {
            firstAtLeast = -at - 1;
        } else {
            firstAtLeast = at;
            while (firstAtLeast > 0 && sortedNull[firstAtLeast - 1] >= distance) {
                firstAtLeast--;
            }
        }
        return (1.0 + sortedNull.length - firstAtLeast) / (1.0 + sortedNull.length);
    }

    private double[] nulls(Object reference, String key, java.util.function.Supplier<double[]> simulate) {
        Map<String, double[]> byKey = nulls.computeIfAbsent(reference, r -> Collections.synchronizedMap(new HashMap<>()));
        double[] d = byKey.get(key);
        if (d == null) {
            // built outside the lock; two threads racing build equal arrays (the draws are seeded)
            d = simulate.get();
            byKey.put(key, d);
        }
        return d;
    }

    private double[] numericNull(DriftTest test, Distribution reference, int n, int m) {
        double[] values = reference.values();
        long[] cumulative = reference.cumulative();
        long total = reference.n();
        SplittableRandom random = new SplittableRandom(seed(test, n, m));
        double[] out = new double[RESAMPLES];
        double[] a = new double[n];
        double[] b = new double[m];
        for (int r = 0; r < RESAMPLES; r++) {
            draw(values, cumulative, total, a, random);
            draw(values, cumulative, total, b, random);
            Distribution ref = Distribution.of(a);
            Distribution cur = Distribution.of(b);
            out[r] = switch (test) {
                case WASSERSTEIN -> tests.wasserstein(ref, cur);
                case JENSEN_SHANNON -> tests.jensenShannon(ref, cur);
                case PSI -> tests.psi(ref, cur);
                default -> throw new IllegalArgumentException(test.wireName() + " is not a distance");
            };
        }
        Arrays.sort(out);
        return out;
    }

    /** Fills {@code out} with draws from the (weighted) values. */
    private static void draw(double[] values, long[] cumulative, long total, double[] out, SplittableRandom random) {
        for (int i = 0; i < out.length; i++) {
            long u = random.nextLong(total);
            int at = Arrays.binarySearch(cumulative, u + 1);
            out[i] = values[at >= 0 ? at : -at - 1];
        }
    }

    private double[] categoricalNull(DriftTest test, Map<String, Long> reference, int n, int m) {
        // categories never seen in the reference cannot be drawn
        String[] names = reference.entrySet().stream().filter(e -> e.getValue() != null && e.getValue() > 0)
                .map(Map.Entry::getKey).toArray(String[]::new);
        long[] cumulative = new long[names.length];
        long total = 0;
        for (int i = 0; i < names.length; i++) {
            total += reference.get(names[i]);
            cumulative[i] = total;
        }
        SplittableRandom random = new SplittableRandom(seed(test, n, m) ^ names.length);
        double[] out = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            Map<String, Long> a = multinomial(names, cumulative, total, n, random);
            Map<String, Long> b = multinomial(names, cumulative, total, m, random);
            out[r] = switch (test) {
                case JENSEN_SHANNON -> tests.jensenShannon(a, b);
                case PSI -> tests.psi(a, b);
                default -> throw new IllegalArgumentException(test.wireName() + " is not a categorical distance");
            };
        }
        Arrays.sort(out);
        return out;
    }

    private static Map<String, Long> multinomial(String[] names, long[] cumulative, long total, int draws,
                                                 SplittableRandom random) {
        long[] counts = new long[names.length];
        for (int i = 0; i < draws; i++) {
            int at = Arrays.binarySearch(cumulative, random.nextLong(total) + 1);
            counts[at >= 0 ? at : -at - 1]++;
        }
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (counts[i] > 0) {
                m.put(names[i], counts[i]);
            }
        }
        return m;
    }

    private static long seed(DriftTest test, int n, int m) {
        return 0x9E3779B97F4A7C15L * (31L * (31L * test.ordinal() + n) + m);
    }
}
