package io.driftloop.contracts.artifacts;

import io.driftloop.contracts.Hashing;
import io.driftloop.contracts.events.ArtifactRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * Artifacts under a local directory as {@code <root>/sha256/<first two hex>/<hex>}, addressed by
 * {@code file://} URIs.
 *
 * <p>Writes go to a temporary file that is forced to disk and then moved into place (and the
 * directory forced), so a reader never sees half an artifact and a crash never leaves one; an
 * artifact already present is re-verified before it is trusted, and replaced when its bytes no longer
 * match its name.
 *
 * <p>A reference comes from a Kafka record, so it is not trusted: it is read only when its SHA-256 is
 * 64 hex digits, its URI is a {@code file:} URI of a regular file (no device, pipe or directory) whose
 * real path (links resolved) lies inside the root's real path and is named by that SHA-256, and the
 * file is at most {@code maxBytes} long; its bytes must then hash to the SHA-256. Anything else is an
 * {@link ArtifactIntegrityException} saying why, before a byte is read.
 */
public final class LocalArtifactStore implements ArtifactStore {

    /** The largest artifact read by default: 512 MiB. */
    public static final long DEFAULT_MAX_BYTES = 512L * 1024 * 1024;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final long maxBytes;

    public LocalArtifactStore(Path root) {
        this(root, DEFAULT_MAX_BYTES);
    }

    /** A store under {@code root} that reads artifacts of at most {@code maxBytes}. */
    public LocalArtifactStore(Path root, long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.root = root.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
    }

    public Path root() {
        return root;
    }

    @Override
    public ArtifactRef put(byte[] bytes, String format) {
        String hex = Hashing.sha256Hex(bytes);
        Path target = root.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
        try {
            if (!intact(target, hex)) {
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), hex, ".tmp");
                try {
                    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                        ByteBuffer buffer = ByteBuffer.wrap(bytes);
                        while (buffer.hasRemaining()) {
                            out.write(buffer);
                        }
                        out.force(true);
                    }
                    try {
                        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(tmp);
                }
                forceDirectory(target.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store artifact under " + root, e);
        }
        return new ArtifactRef(target.toUri().toString(), hex, format);
    }

    /** Whether {@code target} holds bytes that hash to {@code hex} (false when absent or altered). */
    private static boolean intact(Path target, String hex) throws IOException {
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        return Hashing.sha256Hex(Files.readAllBytes(target)).equals(hex);
    }

    /** Forces a directory's entries to disk where the platform allows it (Linux does; others may not). */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every platform can open a directory; the file itself was forced
        }
    }

    @Override
    public byte[] get(ArtifactRef ref) {
        Path file = resolve(ref);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ArtifactIntegrityException("artifact " + ref.uri() + " does not exist");
        } catch (IOException e) {
            throw new ArtifactIntegrityException("cannot read artifact " + ref.uri() + ": " + e.getMessage(), e);
        }
        String actual = Hashing.sha256Hex(bytes);
        if (!actual.equals(ref.sha256())) {
            throw new ArtifactIntegrityException("artifact " + ref.uri() + " has SHA-256 " + actual
                    + " but was published as " + ref.sha256() + ": refusing to use it");
        }
        return bytes;
    }

    /** The file {@code ref} names, once it is known to be one of this store's artifacts of a readable size. */
    Path resolve(ArtifactRef ref) {
        String uri = ref.uri();
        String hex = ref.sha256();
        if (hex == null || !SHA256.matcher(hex).matches()) {
            throw new ArtifactIntegrityException("artifact " + uri + " is not named by a SHA-256 (64 lowercase hex"
                    + " digits): " + hex);
        }
        Path path;
        try {
            URI parsed = URI.create(uri);
            if (!"file".equals(parsed.getScheme())) {
                throw new ArtifactIntegrityException("artifact " + uri + " is not a file: URI; this store reads only"
                        + " its own files under " + root);
            }
            path = Path.of(parsed).toAbsolutePath().normalize();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ArtifactIntegrityException("artifact URI " + uri + " cannot be read: " + e.getMessage(), e);
        }
        if (!path.getFileName().toString().equals(hex)) {
            throw new ArtifactIntegrityException("artifact " + uri + " is not named by its SHA-256 " + hex
                    + ": refusing to read it");
        }
        Path real;
        Path realRoot;
        try {
            real = path.toRealPath();
            realRoot = root.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ArtifactIntegrityException("artifact " + uri + " does not exist");
        } catch (IOException e) {
            throw new ArtifactIntegrityException("cannot read artifact " + uri + ": " + e.getMessage(), e);
        }
        if (!real.startsWith(realRoot)) {
            throw new ArtifactIntegrityException("artifact " + uri + " lies outside the artifact store " + root
                    + ": refusing to read it");
        }
        if (!Files.isRegularFile(real)) {
            throw new ArtifactIntegrityException("artifact " + uri + " is not a regular file: refusing to read it");
        }
        try {
            long size = Files.size(real);
            if (size > maxBytes) {
                throw new ArtifactIntegrityException("artifact " + uri + " has " + size + " bytes, more than the "
                        + maxBytes + " this store reads");
            }
        } catch (IOException e) {
            throw new ArtifactIntegrityException("cannot read artifact " + uri + ": " + e.getMessage(), e);
        }
        return real;
    }
}
