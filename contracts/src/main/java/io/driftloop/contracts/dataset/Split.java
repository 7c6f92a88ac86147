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
        String hex = Hashing.sha256Hex(requestId);
        double u = Long.parseLong(hex.substring(0, 13), 16) / (double) (1L << 52);
        if (u < testFraction) {
            return TEST;
        }
        if (u < testFraction + validationFraction) {
            return VALIDATION;
        }
        return TRAIN;
    }
}
