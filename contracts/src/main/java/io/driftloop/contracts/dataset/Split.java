package io.driftloop.contracts.dataset;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.driftloop.contracts.Hashing;

/** The split a dataset row belongs to. */
public enum Split {
    @JsonProperty("train") TRAIN,
    @JsonProperty("validation") VALIDATION,
    @JsonProperty("test") TEST;

    /**
     * Deterministic assignment by the SHA-256 of the request id: the same row lands in the same
     * split in every dataset that contains it, so a champion is never scored on rows it trained on
     * merely because a later dataset was cut differently.
     */
    public static Split of(String requestId, double validationFraction, double testFraction) {
        return of(unit(requestId), validationFraction, testFraction);
    }

    /** Where {@code requestId} falls in [0, 1): the number behind its split, whatever the fractions. */
    public static double unit(String requestId) {
        String hex = Hashing.sha256Hex(requestId);
        return Long.parseLong(hex.substring(0, 13), 16) / (double) (1L << 52);
    }

    /** The split of a row at {@code unit} (see {@link #unit}). */
    public static Split of(double u, double validationFraction, double testFraction) {
        if (u < testFraction) {
            return TEST;
        }
        if (u < testFraction + validationFraction) {
            return VALIDATION;
        }
        return TRAIN;
    }
}
