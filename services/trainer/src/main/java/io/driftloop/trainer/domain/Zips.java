package io.driftloop.trainer.domain;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Named byte arrays in a zip whose bytes depend on content only (every entry time 0): checkpoints are made of them. */
final class Zips {

    /** The most a checkpoint may unpack to. */
    static final long MAX_BYTES = 512L << 20;

    private Zips() {
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(0L);
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The entries, in order; a repeated entry or more than {@link #MAX_BYTES} unpacked is refused. */
    static Map<String, byte[]> unzip(byte[] bytes) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            long total = 0;
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readNBytes((int) (MAX_BYTES - total + 1));
                total += content.length;
                if (total > MAX_BYTES || entries.put(e.getName(), content) != null) {
                    throw new IllegalArgumentException("not a checkpoint: over " + MAX_BYTES
                            + " bytes unpacked, or a repeated entry " + e.getName());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a checkpoint: " + e.getMessage(), e);
        }
        return entries;
    }
}
