package io.driftloop.contracts.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The check every reader of a DL4J network archive ({@code ModelSerializer}'s zip) runs before DL4J
 * opens it. DL4J's restore reads an entry {@code preprocessor.bin} (and a legacy normalizer) with
 * {@code ObjectInputStream}, so an archive planted on the model topic could run code through Java
 * deserialization. Driftloop's networks hold only their configuration (JSON), coefficients and
 * optionally updater state (ND4J's own binary format); an archive with any other entry, a nested path,
 * or more than {@link #MAX_UNCOMPRESSED_BYTES} once inflated (a zip bomb) is refused, naming why.
 */
public final class NetworkArchive {

    /** The entries a Driftloop network archive may hold. */
    public static final Set<String> ALLOWED_ENTRIES =
            Set.of("configuration.json", "coefficients.bin", "updaterState.bin", "noParams.marker");
    /** The most bytes an archive may inflate to: 256 MiB. */
    public static final long MAX_UNCOMPRESSED_BYTES = 256L * 1024 * 1024;

    private NetworkArchive() {
    }

    /** Returns normally when {@code archive} is safe to hand to DL4J; otherwise throws {@link IllegalArgumentException}. */
    public static void requireSafe(byte[] archive) {
        if (archive == null || archive.length == 0) {
            throw new IllegalArgumentException("the network archive is empty");
        }
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries++;
                if (!ALLOWED_ENTRIES.contains(e.getName())) {
                    throw new IllegalArgumentException("the network archive holds '" + printable(e.getName())
                            + "', which is not part of a Driftloop network (" + String.join(", ",
                            new java.util.TreeSet<>(ALLOWED_ENTRIES)) + ")" + ("preprocessor.bin".equals(e.getName())
                            || e.getName().startsWith("normalizer") ? ": DL4J would read it with Java deserialization" : "")
                            + "; refusing to load it");
                }
                total += drain(zip, buffer, MAX_UNCOMPRESSED_BYTES - total);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the network archive is not a readable zip: " + e.getMessage(), e);
        }
        if (entries == 0) {
            throw new IllegalArgumentException("the network archive is not a zip of a DL4J network (no entries)");
        }
    }

    /** Reads an entry to its end, refusing once more than {@code budget} bytes came out. */
    private static long drain(InputStream in, byte[] buffer, long budget) throws IOException {
        long n = 0;
        for (int r = in.read(buffer); r >= 0; r = in.read(buffer)) {
            n += r;
            if (n > budget) {
                throw new IllegalArgumentException("the network archive inflates to more than "
                        + MAX_UNCOMPRESSED_BYTES + " bytes: refusing to load it");
            }
        }
        return n;
    }

    private static String printable(String name) {
        String s = name.length() > 100 ? name.substring(0, 100) + "…" : name;
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
