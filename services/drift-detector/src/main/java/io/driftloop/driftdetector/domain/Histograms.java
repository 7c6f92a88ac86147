package io.driftloop.driftdetector.domain;

import io.driftloop.contracts.events.Histogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link Histogram} of a feature: the reference's distribution beside a window's, in bins
 * chosen by the reference, so a reader sees where the window's mass moved. Numeric bins cut the
 * reference at its {@value #NUMERIC_BINS}-quantiles (about 5% of it each) and reach out to the
 * smallest and largest value on either side; categorical bins are the categories seen. Stateless
 * and thread-safe.
 */
final class Histograms {

    /** Bins of a numeric histogram before equal quantiles are merged: the reference's 20-quantiles. */
    static final int NUMERIC_BINS = 20;

    private Histograms() {
    }

    /**
     * The inner edges a numeric histogram of {@code reference} is cut at: the distinct quantiles at
     * {@code 1/20 .. 19/20}, ascending. A copy: computed once per reference and kept by the caller.
     */
    static double[] quantileEdges(Distribution reference) {
        return reference.quantileBinEdges(NUMERIC_BINS).clone();
    }

    /**
     * The histogram of a numeric feature: {@code reference} (exact, a sample) and its
     * {@link #quantileEdges} beside the window's values of {@code feature}, which must have some.
     * Inner edges at or beyond the smallest or largest value of either side are left out, so the
     * edges ascend strictly between the two outer ones (a bin at the bottom would be empty; at the
     * top, the values equal to the largest join the bin below).
     */
    static Histogram numeric(Distribution reference, double[] quantileEdges, Window window, String feature) {
        double min = Math.min(reference.value(0), window.numericMin(feature));
        double max = Math.max(reference.value(reference.distinct() - 1), window.numericMax(feature));
        double[] splits = Arrays.stream(quantileEdges).filter(e -> e > min && e < max).toArray();
        double[] edges = new double[splits.length + 2];
        edges[0] = min;
        System.arraycopy(splits, 0, edges, 1, splits.length);
        edges[edges.length - 1] = max;
        return Histogram.numeric(edges, DriftTests.binned(reference, splits), window.numericShares(feature, splits));
    }

    /**
     * The histogram of a categorical feature: one bin per category with a positive count on either
     * side — {@code values} (the spec's, in its order) first, then the others by their combined
     * share, largest first (ties by name) — and beyond {@link Histogram#MAX_CATEGORIES} bins the rest
     * in a last bin {@link Histogram#OTHER}. A side without counts has every share 0.
     */
    static Histogram categorical(List<String> values, Map<String, Long> reference, Map<String, Long> current) {
        double referenceTotal = total(reference);
        double currentTotal = total(current);
        Comparator<String> bySharesThenName = Comparator.<String>comparingDouble(c ->
                -(share(reference, c, referenceTotal) + share(current, c, currentTotal))).thenComparing(c -> c);
        Set<String> seen = new LinkedHashSet<>();
        for (String v : values) {
            if (count(reference, v) > 0 || count(current, v) > 0) {
                seen.add(v);
            }
        }
        Set<String> unlisted = new LinkedHashSet<>();
        for (Map<String, Long> side : List.of(reference, current)) {
            side.forEach((c, n) -> {
                if (n != null && n > 0 && !seen.contains(c)) {
                    unlisted.add(c);
                }
            });
        }
        List<String> others = new ArrayList<>(unlisted);
        others.sort(bySharesThenName);
        List<String> categories = new ArrayList<>(seen);
        categories.addAll(others);
        boolean lumped = categories.size() > Histogram.MAX_CATEGORIES;
        List<String> bins = lumped ? new ArrayList<>(categories.subList(0, Histogram.MAX_CATEGORIES - 1))
                : categories;
        double[] r = new double[bins.size() + (lumped ? 1 : 0)];
        double[] c = new double[r.length];
        for (int i = 0; i < bins.size(); i++) {
            r[i] = share(reference, bins.get(i), referenceTotal);
            c[i] = share(current, bins.get(i), currentTotal);
        }
        // a category is whatever a client sent: its name is cut so a histogram stays small
        List<String> names = new ArrayList<>(bins.stream().map(Histograms::shown).toList());
        if (lumped) {
            for (String rest : categories.subList(Histogram.MAX_CATEGORIES - 1, categories.size())) {
                r[r.length - 1] += share(reference, rest, referenceTotal);
                c[c.length - 1] += share(current, rest, currentTotal);
            }
            names.add(Histogram.OTHER);
        }
        return Histogram.categorical(names, r, c);
    }

    /** Longest category name a histogram carries; longer ones are cut and marked. */
    static final int MAX_NAME = 64;

    /** {@code category} as a histogram names it: at most {@value #MAX_NAME} characters, a cut one ending in "…". */
    static String shown(String category) {
        return category.length() <= MAX_NAME ? category : category.substring(0, MAX_NAME - 1) + "…";
    }

    private static long count(Map<String, Long> counts, String category) {
        Long n = counts.get(category);
        return n == null ? 0 : Math.max(0, n);
    }

    private static double share(Map<String, Long> counts, String category, double total) {
        return total == 0 ? 0 : count(counts, category) / total;
    }

    private static double total(Map<String, Long> counts) {
        return counts.values().stream().filter(n -> n != null).mapToLong(n -> Math.max(0, n)).sum();
    }
}
