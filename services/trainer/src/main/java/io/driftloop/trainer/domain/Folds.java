package io.driftloop.trainer.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Stratified k-fold splits of encoded rows: rows are visited in an order drawn from the seed, and
 * each label's rows are dealt to the folds in turn, so every fold holds about 1/k of each label.
 */
public final class Folds {

    private Folds() {
    }

    /** The fold (0..k-1) of each row. */
    public static int[] assign(int[] labels, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("k-fold needs k >= 2, was " + k);
        }
        int[] fold = new int[labels.length];
        int[] dealt = new int[2];
        for (int row : EpochShuffle.order(labels.length, seed, 0)) {
            fold[row] = dealt[labels[row]]++ % k;
        }
        return fold;
    }

    /** For each fold: train on the other folds' rows, validate on its own. */
    public static List<TrainingData> split(Examples rows, int k, long seed) {
        int[] fold = assign(rows.labels(), k, seed);
        List<TrainingData> splits = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int held = 0;
            for (int v : fold) {
                held += v == f ? 1 : 0;
            }
            int[] train = new int[rows.rows() - held];
            int[] validation = new int[held];
            int t = 0;
            int v = 0;
            for (int r = 0; r < fold.length; r++) {
                if (fold[r] == f) {
                    validation[v++] = r;
                } else {
                    train[t++] = r;
                }
            }
            splits.add(new TrainingData(rows.select(train), rows.select(validation)));
        }
        return splits;
    }
}
