package io.driftloop.local.bench;

import io.driftloop.contracts.dataset.NumericProfile;
import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.events.InferenceEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Synthetic traffic of a model with 20 numeric features ({@code n00}..{@code n19}: normal,
 * log-normal and uniform in turn) and 5 categorical ones ({@code c0}..{@code c4}, 3 to 8 values),
 * deterministic for a seed, and the reference profile of its training data. In the shifted world
 * the first {@value #DRIFTED_NUMERIC} numeric and the first {@value #DRIFTED_CATEGORICAL}
 * categorical features move (8 of 25, above the default share threshold of 0.3), the rest stay.
 * Not thread-safe.
 */
public final class WideTraffic {

    public static final String MODEL = "bench-wide";
    public static final int NUMERIC = 20;
    public static final int CATEGORICAL = 5;
    static final int DRIFTED_NUMERIC = 6;
    static final int DRIFTED_CATEGORICAL = 2;

    private static final String[][] CATEGORIES = {
            {"a", "b", "c"},
            {"north", "south", "east", "west"},
            {"web", "app", "branch", "phone", "partner"},
            {"s", "m", "l", "xl", "xxl", "xxxl"},
            {"t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7"}};

    private final SplittableRandom random;

    public WideTraffic(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The spec: the 25 features, {@code windowSize} events per window, every other setting at its default. */
    public static String spec(int windowSize) {
        StringBuilder s = new StringBuilder();
        s.append("name: ").append(MODEL).append('\n');
        s.append("task: binary-classification\n");
        s.append("label: outcome\n");
        s.append("features:\n");
        for (int i = 0; i < NUMERIC; i++) {
            s.append("  - {name: ").append(numericName(i)).append(", type: numeric}\n");
        }
        for (int j = 0; j < CATEGORICAL; j++) {
            s.append("  - {name: ").append(categoricalName(j)).append(", type: categorical, values: [")
                    .append(String.join(", ", CATEGORIES[j])).append("]}\n");
        }
        s.append("drift:\n");
        s.append("  windowSize: ").append(windowSize).append('\n');
        return s.toString();
    }

    public static String numericName(int i) {
        return String.format("n%02d", i);
    }

    public static String categoricalName(int j) {
        return "c" + j;
    }

    /** The {@code sequence}-th event, with a request id unique per sequence; {@code shifted} selects the drifted world. */
    public InferenceEvent event(long sequence, boolean shifted, Instant timestamp) {
        Map<String, Object> features = features(shifted);
        double score = random.nextDouble();
        return new InferenceEvent(MODEL, "bench-" + sequence, timestamp, 1, features, Map.of(), score >= 0.5 ? 1 : 0,
                round(score));
    }

    /** One row of feature values, as a production request carries them. */
    public Map<String, Object> features(boolean shifted) {
        Map<String, Object> features = new LinkedHashMap<>();
        for (int i = 0; i < NUMERIC; i++) {
            features.put(numericName(i), round(numeric(i, shifted && i < DRIFTED_NUMERIC)));
        }
        for (int j = 0; j < CATEGORICAL; j++) {
            features.put(categoricalName(j), categorical(j, shifted && j < DRIFTED_CATEGORICAL));
        }
        return features;
    }

    /**
     * The profile data-prep would build from {@code rows} rows of the unshifted world: per numeric
     * feature count, mean, standard deviation and an evenly spaced sample of the sorted values
     * ({@code sampleSize}, the spec's {@code drift.referenceSampleSize}); per categorical feature the
     * count of each value.
     */
    public static ReferenceProfile profile(long seed, int rows, int sampleSize) {
        WideTraffic training = new WideTraffic(seed);
        double[][] numeric = new double[NUMERIC][rows];
        Map<String, Map<String, Long>> categorical = new TreeMap<>();
        for (int r = 0; r < rows; r++) {
            Map<String, Object> row = training.features(false);
            for (int i = 0; i < NUMERIC; i++) {
                numeric[i][r] = ((Number) row.get(numericName(i))).doubleValue();
            }
            for (int j = 0; j < CATEGORICAL; j++) {
                categorical.computeIfAbsent(categoricalName(j), k -> new TreeMap<>())
                        .merge((String) row.get(categoricalName(j)), 1L, Long::sum);
            }
        }
        Map<String, NumericProfile> profiles = new TreeMap<>();
        for (int i = 0; i < NUMERIC; i++) {
            profiles.put(numericName(i), numericProfile(numeric[i], sampleSize));
        }
        return new ReferenceProfile(MODEL, "bench-wide-training-" + seed, rows, profiles, categorical);
    }

    static NumericProfile numericProfile(double[] values, int sampleSize) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        double variance = Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, sorted.length - 1);
        int size = Math.min(sampleSize, sorted.length);
        double[] sample = new double[size];
        for (int k = 0; k < size; k++) {
            sample[k] = sorted[(int) (size == 1 ? 0 : (long) k * (sorted.length - 1) / (size - 1))];
        }
        return new NumericProfile(sorted.length, mean, Math.sqrt(variance), sample);
    }

    private double numeric(int i, boolean shifted) {
        return switch (i % 3) {
            // normal; the shift moves the mean by half a standard deviation
            case 0 -> gaussian(50 + i, 10) + (shifted ? 5 : 0);
            // log-normal; the shift scales by about 1.3
            case 1 -> Math.exp(gaussian(1 + 0.05 * i + (shifted ? 0.25 : 0), 0.5));
            // uniform; the shift moves the range by 15% of its width
            default -> (shifted ? 15 : 0) + random.nextDouble() * (100 + i);
        };
    }

    private String categorical(int j, boolean shifted) {
        String[] values = CATEGORIES[j];
        // weights 1, 1/2, 1/3, ...; the shifted world reverses them
        double total = 0;
        for (int k = 0; k < values.length; k++) {
            total += 1.0 / (k + 1);
        }
        double u = random.nextDouble() * total;
        for (int k = 0; k < values.length; k++) {
            u -= 1.0 / (k + 1);
            if (u < 0) {
                return values[shifted ? values.length - 1 - k : k];
            }
        }
        return values[shifted ? 0 : values.length - 1];
    }

    private double gaussian(double mean, double std) {
        // Box–Muller on the seeded generator, so runs are reproducible
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return mean + std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Four decimals, as a client would send them. */
    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
