package io.driftloop.evaluator.domain;

import java.util.List;
import java.util.TreeMap;

/**
 * The groups of one sensitive column and, per resample, each group's confusion matrix in one pass
 * over the rows. Groups are sorted by name; a group is gated when it has at least
 * {@code minGroupSize} test rows (in the test set, not per resample), and it counts for a
 * true-positive rate only with at least {@code minGroupSize} positives, for a false-positive rate
 * only with at least {@code minGroupSize} negatives (see {@link #counts}). Immutable and thread-safe.
 */
final class GroupCounts {

    /** Cells per group: [label*2 + predicted] = TN, FP, FN, TP. */
    static final int CELLS = 4;
    static final int TN = 0;
    static final int FP = 1;
    static final int FN = 2;
    static final int TP = 3;

    final String attribute;
    final List<String> names;
    final int[] groupOf;
    final int[] size;
    final boolean[] gated;
    final int[] positives;
    final int minGroupSize;

    private GroupCounts(String attribute, List<String> names, int[] groupOf, int[] size, boolean[] gated,
                        int[] positives, int minGroupSize) {
        this.minGroupSize = minGroupSize;
        this.positives = positives;
        this.attribute = attribute;
        this.names = names;
        this.groupOf = groupOf;
        this.size = size;
        this.gated = gated;
    }

    /** @param labels 0/1 per row of the test set */
    static GroupCounts of(Column column, int[] labels, int minGroupSize) {
        TreeMap<String, Integer> index = new TreeMap<>();
        for (String v : column.values()) {
            index.putIfAbsent(v, 0);
        }
        int g = 0;
        for (var e : index.entrySet()) {
            e.setValue(g++);
        }
        int[] groupOf = new int[column.values().length];
        int[] size = new int[g];
        int[] positives = new int[g];
        for (int i = 0; i < groupOf.length; i++) {
            groupOf[i] = index.get(column.values()[i]);
            size[groupOf[i]]++;
            positives[groupOf[i]] += labels[i];
        }
        boolean[] gated = new boolean[g];
        for (int k = 0; k < g; k++) {
            gated[k] = size[k] >= minGroupSize;
        }
        return new GroupCounts(column.name(), List.copyOf(index.keySet()), groupOf, size, gated, positives, minGroupSize);
    }

    /**
     * Whether group {@code g} counts for {@code rate}: it is gated, and for a true-positive rate it
     * has at least {@code minGroupSize} positives, for a false-positive rate at least that many
     * negatives (in the test set).
     */
    boolean counts(int g, FairnessMeasure.Rate rate) {
        return gated[g] && switch (rate) {
            case SELECTION -> true;
            case TRUE_POSITIVE -> positives[g] >= minGroupSize;
            case FALSE_POSITIVE -> size[g] - positives[g] >= minGroupSize;
        };
    }

    int groups() {
        return size.length;
    }

    /** Index of a group, -1 when the column has no such value. */
    int indexOf(String group) {
        return names.indexOf(group);
    }

    /**
     * Each group's confusion matrix, rows weighted by {@code counts}, into {@code out} (length
     * groups × {@value #CELLS}).
     *
     * @param label     0/1 per row
     * @param predicted 0/1 per row
     */
    void tally(int[] counts, int[] label, int[] predicted, long[] out) {
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i < groupOf.length; i++) {
            out[groupOf[i] * CELLS + label[i] * 2 + predicted[i]] += counts[i];
        }
    }
}
