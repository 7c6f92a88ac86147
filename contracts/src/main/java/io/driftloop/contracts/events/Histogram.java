package io.driftloop.contracts.events;

import java.util.List;

/**
 * The reference distribution of one feature beside a window's, bin by bin, for drawing: the shares
 * of the reference (the champion's training data) and of the window in the same bins.
 *
 * <p>A numeric feature has {@code edges}, {@code n + 1} ascending bin edges for {@code n} bins
 * (strictly ascending, except the two edges of a single bin when every value is the same), and no
 * {@code categories}. Its inner edges are the reference's 20-quantiles, equal ones merged, so each
 * bin holds about 5% of the reference; the outer edges are the smallest and largest value of the
 * reference and the window together, so every value of both lies in a bin. Bin {@code i} holds the
 * values in {@code [edges[i], edges[i+1])}, the last bin its upper edge too (the convention of the
 * PSI and Jensen–Shannon bins).
 *
 * <p>A categorical feature has {@code categories}, one per bin, and no {@code edges}: the spec's
 * values first (those seen in the reference or the window, in the spec's order), then the other
 * categories seen, most frequent first; beyond {@value #MAX_CATEGORIES} categories the rest are
 * counted together in a last bin named {@value #OTHER}. A missing value counts as the category
 * {@code ""}, as in the reference profile.
 *
 * <p>{@code reference} and {@code current} hold one share per bin, each in [0, 1], rounded to
 * {@value #DECIMALS} decimals, so each sums to 1 within rounding (a side with no values: all 0).
 */
public record Histogram(List<Double> edges, List<String> categories, List<Double> reference, List<Double> current) {

    /** Decimals the shares are rounded to. */
    public static final int DECIMALS = 4;
    /** Most bins of a categorical histogram, the {@value #OTHER} bin included. */
    public static final int MAX_CATEGORIES = 30;
    /** Name of the bin that lumps the categories beyond {@value #MAX_CATEGORIES}. */
    public static final String OTHER = "(other)";

    public Histogram {
        edges = edges == null ? null : List.copyOf(edges);
        categories = categories == null ? null : List.copyOf(categories);
        reference = reference == null ? List.of() : List.copyOf(reference);
        current = current == null ? List.of() : List.copyOf(current);
    }

    /** The histogram of a numeric feature: {@code edges} and each side's share per bin (rounded here). */
    public static Histogram numeric(double[] edges, double[] reference, double[] current) {
        if (edges.length != reference.length + 1 || reference.length != current.length) {
            throw new IllegalArgumentException("a numeric histogram of " + reference.length + " bins needs "
                    + (reference.length + 1) + " edges and as many current shares, got " + edges.length + " and "
                    + current.length);
        }
        return new Histogram(boxed(edges), null, rounded(reference), rounded(current));
    }

    /** The histogram of a categorical feature: its {@code categories} and each side's share per bin (rounded here). */
    public static Histogram categorical(List<String> categories, double[] reference, double[] current) {
        if (categories.size() != reference.length || reference.length != current.length) {
            throw new IllegalArgumentException("a categorical histogram needs a share per category on both sides, got "
                    + categories.size() + " categories, " + reference.length + " and " + current.length + " shares");
        }
        return new Histogram(null, categories, rounded(reference), rounded(current));
    }

    /** Number of bins. */
    public int bins() {
        return reference.size();
    }

    /** {@code share} rounded half up to {@value #DECIMALS} decimals. */
    public static double round(double share) {
        return Math.round(share * 10_000) / 10_000.0;
    }

    private static List<Double> rounded(double[] shares) {
        Double[] r = new Double[shares.length];
        for (int i = 0; i < shares.length; i++) {
            r[i] = round(shares[i]);
        }
        return List.of(r);
    }

    private static List<Double> boxed(double[] values) {
        Double[] b = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = values[i];
        }
        return List.of(b);
    }
}
