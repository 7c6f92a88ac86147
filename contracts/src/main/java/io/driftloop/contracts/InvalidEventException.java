package io.driftloop.contracts;

/**
 * An event or document that cannot be accepted: unparseable, or a required field missing or out of
 * range. The message names the offending field and is written to the dead-letter record as its
 * reason. Never retriable: the same bytes fail the same way.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Throws when {@code value} is null or blank, naming {@code field}. */
    public static <T> T require(T value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new InvalidEventException("missing required field '" + field + "'");
        }
        return value;
    }

    /** Throws with a message naming {@code field} when {@code condition} is false. */
    public static void check(boolean condition, String field, String problem) {
        if (!condition) {
            throw new InvalidEventException("field '" + field + "' " + problem);
        }
    }
}
