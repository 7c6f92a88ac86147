package io.driftloop.contracts;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8: the text of a record's bytes, or an {@link InvalidEventException} when they are not
 * valid UTF-8. The JDK's {@code new String(bytes, UTF_8)} (and Kafka's {@code StringDeserializer})
 * would quietly put U+FFFD where the bytes are broken, and a corrupted value would pass for a valid one.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** The text of {@code bytes}; throws naming where the first invalid byte is. Null for null. */
    public static String strict(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidEventException("the value is not valid UTF-8: " + e.getMessage().toLowerCase(java.util.Locale.ROOT)
                    + " at byte " + in.position() + " of " + bytes.length);
        }
    }
}
