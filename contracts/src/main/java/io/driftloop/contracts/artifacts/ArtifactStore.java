package io.driftloop.contracts.artifacts;

import io.driftloop.contracts.events.ArtifactRef;

/**
 * Content-addressed storage of datasets, profiles and model artifacts: an artifact is named by the
 * SHA-256 of its bytes, so storing the same bytes twice is one artifact, and a read verifies the
 * hash. Implementations are thread-safe.
 */
public interface ArtifactStore {

    /** Stores {@code bytes} (idempotent) and returns where they are. */
    ArtifactRef put(byte[] bytes, String format);

    /** Reads an artifact; throws {@link ArtifactIntegrityException} when missing or its hash differs. */
    byte[] get(ArtifactRef ref);
}
