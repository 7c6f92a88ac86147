package io.driftloop.contracts.artifacts;

import io.driftloop.contracts.Hashing;
import io.driftloop.contracts.events.ArtifactRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Artifacts under a local directory as {@code <root>/sha256/<first two hex>/<hex>}, addressed by
 * {@code file://} URIs. Writes go to a temporary file and are moved into place, so a reader never
 * sees half an artifact.
 */
public final class LocalArtifactStore implements ArtifactStore {

    private final Path root;

    public LocalArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public ArtifactRef put(byte[] bytes, String format) {
        String hex = Hashing.sha256Hex(bytes);
        Path target = root.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
        try {
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), hex, ".tmp");
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store artifact under " + root, e);
        }
        return new ArtifactRef(target.toUri().toString(), hex, format);
    }

    @Override
    public byte[] get(ArtifactRef ref) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(URI.create(ref.uri())));
        } catch (NoSuchFileException e) {
            throw new ArtifactIntegrityException("artifact " + ref.uri() + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new ArtifactIntegrityException("cannot read artifact " + ref.uri() + ": " + e.getMessage(), e);
        }
        String actual = Hashing.sha256Hex(bytes);
        if (!actual.equals(ref.sha256())) {
            throw new ArtifactIntegrityException("artifact " + ref.uri() + " has SHA-256 " + actual
                    + " but was published as " + ref.sha256() + ": refusing to use it");
        }
        return bytes;
    }
}
