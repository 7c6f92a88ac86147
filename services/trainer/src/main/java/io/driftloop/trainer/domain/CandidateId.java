package io.driftloop.trainer.domain;

import io.driftloop.contracts.Hashing;
import io.driftloop.contracts.Json;
import java.util.Map;

/**
 * Names a candidate by everything that determines it: dataset id, spec hash, hyperparameters,
 * seed and code version. The name is {@code sha256:<hex>} of their canonical JSON (keys sorted),
 * so training the same inputs again, or replaying the event that asked for it, yields the same id.
 */
public final class CandidateId {

    /** The canonical document that is hashed; field order is fixed by {@link Json}'s sorting. */
    record Inputs(String datasetId, String specHash, Map<String, Object> hyperparameters, long seed,
                  String codeVersion, String parent) {
    }

    private CandidateId() {
    }

    public static String of(String datasetId, String specHash, Hyperparameters hyperparameters, String codeVersion) {
        return of(datasetId, specHash, hyperparameters, codeVersion, null);
    }

    /**
     * The id of a candidate that continued from the network whose artifact has SHA-256 {@code parent}
     * (a warm start); null names a candidate trained from scratch, with the same id as {@link #of(String,
     * String, Hyperparameters, String)} gives.
     */
    public static String of(String datasetId, String specHash, Hyperparameters hyperparameters, String codeVersion,
                            String parent) {
        require(datasetId, "datasetId");
        require(specHash, "specHash");
        require(codeVersion, "codeVersion");
        return Hashing.contentId(Json.encodeBytes(
                new Inputs(datasetId, specHash, hyperparameters.asMap(), hyperparameters.seed(), codeVersion, parent)));
    }

    /** The canonical JSON that {@link #of} hashes, for audit and tests. */
    public static String canonicalJson(String datasetId, String specHash, Hyperparameters hyperparameters,
                                       String codeVersion) {
        return Json.encode(new Inputs(datasetId, specHash, hyperparameters.asMap(), hyperparameters.seed(), codeVersion,
                null));
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required to name a candidate");
        }
    }
}
