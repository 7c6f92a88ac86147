package io.driftloop.trainer.domain;

import java.util.SplittableRandom;

/**
 * The order in which the rows are visited in an epoch: a Fisher–Yates permutation drawn from the
 * run's seed and the epoch number, so every run with the same seed visits rows in the same order.
 */
public final class EpochShuffle {

    private EpochShuffle() {
    }

    /** A permutation of {@code 0..rows-1} for {@code epoch} (from 1) of a run seeded with {@code seed}. */
    public static int[] order(int rows, long seed, int epoch) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + epoch);
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
