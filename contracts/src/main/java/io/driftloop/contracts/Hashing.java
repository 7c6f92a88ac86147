package io.driftloop.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 naming used for datasets, artifacts, specs and candidate ids. */
public final class Hashing {

    /** Prefix of content ids such as {@code sha256:ab12…}. */
    public static final String PREFIX = "sha256:";

    private Hashing() {
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code sha256:<hex>} of the bytes. */
    public static String contentId(byte[] bytes) {
        return PREFIX + sha256Hex(bytes);
    }
}
