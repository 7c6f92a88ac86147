package io.driftloop.contracts.model;

import io.driftloop.contracts.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Model artifacts as a zip of {@code artifact.json} (model, candidate id, feature encoding) and
 * {@code network.zip} (DL4J's serialised network). Entry times are fixed so equal content gives
 * equal bytes.
 */
public final class ModelArtifactCodec {

    private static final String META = "artifact.json";
    private static final String NETWORK = "network.zip";

    private record Meta(String format, String model, String candidateId, FeatureEncoding encoding) {
    }

    private ModelArtifactCodec() {
    }

    public static byte[] encode(ModelArtifact artifact) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            write(zip, META, Json.encodeBytes(new Meta(ModelArtifact.FORMAT, artifact.model(),
                    artifact.candidateId(), artifact.encoding())));
            write(zip, NETWORK, artifact.network());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads an artifact; throws {@link IllegalArgumentException} when the bytes are not one. */
    public static ModelArtifact decode(byte[] bytes) {
        Meta meta = null;
        byte[] network = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (META.equals(e.getName())) {
                    meta = Json.decode(zip.readAllBytes(), Meta.class);
                } else if (NETWORK.equals(e.getName())) {
                    network = zip.readAllBytes();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a " + ModelArtifact.FORMAT + " artifact: " + e.getMessage(), e);
        }
        if (meta == null || network == null) {
            throw new IllegalArgumentException("not a " + ModelArtifact.FORMAT + " artifact: missing "
                    + (meta == null ? META : NETWORK));
        }
        return new ModelArtifact(meta.model(), meta.candidateId(), meta.encoding(), network);
    }

    private static void write(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0L);
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }
}
