package io.driftloop.evaluator.domain;

import io.driftloop.contracts.Hashing;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Resamples of n test rows drawn with replacement, each as multiplicity counts (row i appears
 * {@code counts[i]} times). Resample b depends only on the seed and b, so resamples may be drawn
 * in any order or in parallel and always come out the same.
 */
public final class Bootstrap {

    private Bootstrap() {
    }

    /** The seed of a candidate's evaluation: the first 64 bits of SHA-256("bootstrap:" + candidateId). */
    public static long seedOf(String candidateId) {
        return Long.parseUnsignedLong(Hashing.sha256Hex("bootstrap:" + candidateId).substring(0, 16), 16);
    }

    /** Fills {@code counts} (length n) with resample {@code resample}'s multiplicities; they sum to n. */
    public static void draw(int[] counts, long seed, int resample) {
        Arrays.fill(counts, 0);
        SplittableRandom random = new SplittableRandom(mix(seed + 0x9E3779B97F4A7C15L * (resample + 1L)));
        int n = counts.length;
        for (int i = 0; i < n; i++) {
            counts[random.nextInt(n)]++;
        }
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser: neighbouring inputs give unrelated seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
