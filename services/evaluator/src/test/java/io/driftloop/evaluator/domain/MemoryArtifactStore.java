package io.driftloop.evaluator.domain;

import io.driftloop.contracts.Hashing;
import io.driftloop.contracts.artifacts.ArtifactIntegrityException;
import io.driftloop.contracts.artifacts.ArtifactStore;
import io.driftloop.contracts.events.ArtifactRef;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A content-addressed store in memory, for tests: same contract as the local one (hash-checked reads). */
class MemoryArtifactStore implements ArtifactStore {

    final Map<String, byte[]> bytes = new ConcurrentHashMap<>();

    @Override
    public ArtifactRef put(byte[] content, String format) {
        String hex = Hashing.sha256Hex(content);
        bytes.put(hex, content.clone());
        return new ArtifactRef("memory:///sha256/" + hex, hex, format);
    }

    @Override
    public byte[] get(ArtifactRef ref) {
        byte[] b = bytes.get(ref.sha256());
        if (b == null) {
            throw new ArtifactIntegrityException(ref.uri() + " does not exist");
        }
        return b.clone();
    }
}
