package io.driftloop.contracts.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftloop.contracts.Hashing;
import io.driftloop.contracts.events.ArtifactRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalArtifactStoreTest {

    @TempDir
    Path dir;

    LocalArtifactStore store() {
        return new LocalArtifactStore(dir.resolve("root"));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void whatIsPutIsGotBackUnderItsHash() {
        ArtifactRef ref = store().put(bytes("a model"), "f");
        assertThat(ref.sha256()).isEqualTo(Hashing.sha256Hex(bytes("a model")));
        assertThat(ref.uri()).endsWith("/root/sha256/" + ref.sha256().substring(0, 2) + "/" + ref.sha256());
        assertThat(store().get(ref)).isEqualTo(bytes("a model"));
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".tmp"))).isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFileOutsideTheStoreIsNeverRead() throws Exception {
        byte[] secret = Files.readAllBytes(Path.of("/etc/passwd"));
        String hex = Hashing.sha256Hex(secret);
        assertThatThrownBy(() -> store().get(new ArtifactRef("file:///etc/passwd", hex, "f")))
                .isInstanceOf(ArtifactIntegrityException.class).hasMessageContaining("not named by its SHA-256");

        // the right name does not help outside the root, nor does a path climbing out of it
        Path outside = dir.resolve("elsewhere").resolve(hex);
        Files.createDirectories(outside.getParent());
        Files.write(outside, secret);
        store().put(bytes("x"), "f");
        assertThatThrownBy(() -> store().get(new ArtifactRef(outside.toUri().toString(), hex, "f")))
                .isInstanceOf(ArtifactIntegrityException.class).hasMessageContaining("outside the artifact store");
        String climbing = dir.resolve("root").toUri() + "sha256/../../elsewhere/" + hex;
        assertThatThrownBy(() -> store().get(new ArtifactRef(climbing, hex, "f")))
                .isInstanceOf(ArtifactIntegrityException.class).hasMessageContaining("outside the artifact store");

        // nor a link inside the root pointing out of it
        Path link = dir.resolve("root").resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, outside);
        assertThatThrownBy(() -> store().get(new ArtifactRef(link.toUri().toString(), hex, "f")))
                .isInstanceOf(ArtifactIntegrityException.class).hasMessageContaining("outside the artifact store");
    }

    @Test
    void aDeviceADirectoryOrAnotherSchemeIsRefusedBeforeAByteIsRead() throws Exception {
        String hex = "0".repeat(64);
        assertThatThrownBy(() -> store().get(new ArtifactRef("file:///dev/zero", hex, "f")))
                .isInstanceOf(ArtifactIntegrityException.class);
        Path device = dir.resolve("root").resolve(hex);
        Files.createDirectories(device.getParent());
        Files.createSymbolicLink(device, Path.of("/dev/zero"));
        assertThatThrownBy(() -> store().get(new ArtifactRef(device.toUri().toString(), hex, "f")))
                .isInstanceOf(ArtifactIntegrityException.class).hasMessageContaining("outside");
        Path directory = dir.resolve("root").resolve("sha256").resolve("11").resolve("1".repeat(64));
        Files.createDirectories(directory);
        assertThatThrownBy(() -> store().get(new ArtifactRef(directory.toUri().toString(), "1".repeat(64), "f")))
                .isInstanceOf(ArtifactIntegrityException.class).hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> store().get(new ArtifactRef("http://example.org/" + hex, hex, "f")))
                .isInstanceOf(ArtifactIntegrityException.class).hasMessageContaining("not a file: URI");
        assertThatThrownBy(() -> store().get(new ArtifactRef("file:///tmp/x", "ABC", "f")))
                .isInstanceOf(ArtifactIntegrityException.class).hasMessageContaining("not named by a SHA-256");
    }

    @Test
    void anArtifactLargerThanTheLimitIsRefused() {
        ArtifactRef ref = store().put(bytes("twenty bytes of data"), "f");
        assertThatThrownBy(() -> new LocalArtifactStore(dir.resolve("root"), 10).get(ref))
                .isInstanceOf(ArtifactIntegrityException.class).hasMessageContaining("20 bytes, more than the 10");
        assertThat(new LocalArtifactStore(dir.resolve("root"), 20).get(ref)).hasSize(20);
    }

    @Test
    void anAlteredArtifactIsRefusedOnReadAndRepairedByTheNextPut() throws Exception {
        ArtifactRef ref = store().put(bytes("the real bytes"), "f");
        Files.write(Path.of(java.net.URI.create(ref.uri())), bytes("tampered"));
        assertThatThrownBy(() -> store().get(ref)).isInstanceOf(ArtifactIntegrityException.class)
                .hasMessageContaining("refusing to use it");

        assertThat(store().put(bytes("the real bytes"), "f")).isEqualTo(ref);
        assertThat(store().get(ref)).isEqualTo(bytes("the real bytes"));
    }

    @Test
    void aMissingArtifactSaysSo() {
        String hex = Hashing.sha256Hex(bytes("never stored"));
        Path where = dir.resolve("root").resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
        store().put(bytes("y"), "f");
        assertThatThrownBy(() -> store().get(new ArtifactRef(where.toUri().toString(), hex, "f")))
                .isInstanceOf(ArtifactIntegrityException.class).hasMessageContaining("does not exist");
    }
}
