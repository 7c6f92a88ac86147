package io.driftloop.kit;

import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.artifacts.ArtifactIntegrityException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The one classification of a failure every service uses, by the exception and its causes:
 *
 * <ul>
 *   <li>{@link Kind#PERMANENT} — the record itself is at fault or can never be written: an invalid
 *       event, an artifact that is missing or does not match its hash, a record or batch too large,
 *       a timestamp the broker refuses, an invalid topic, a (de)serialization error, or missing
 *       authentication or authorisation. Trying again gives the same answer: dead-letter it at once
 *       (or stop, saying why).</li>
 *   <li>{@link Kind#RETRIABLE} — the world is at fault for now: any Kafka {@link RetriableException}
 *       (broker unavailable, request timed out, not enough replicas, leader moving), an I/O error
 *       (a slow or full store), a timeout. The record is valid: back off and try again, for as long
 *       as it takes, and never dead-letter it.</li>
 *   <li>{@link Kind#UNKNOWN} — anything else (most likely a defect): a bounded number of attempts,
 *       then a dead letter carrying the cause, so one record cannot stop a partition.</li>
 * </ul>
 *
 * A permanent cause anywhere in the chain wins over a retriable one (a timeout wrapping a record too
 * large is still too large). Pure; thread-safe.
 */
public final class Failures {

    /** What to do about a failure. */
    public enum Kind { RETRIABLE, PERMANENT, UNKNOWN }

    private Failures() {
    }

    public static Kind classify(Throwable failure) {
        boolean retriable = false;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (permanent(t)) {
                return Kind.PERMANENT;
            }
            retriable |= retriable(t);
        }
        return retriable ? Kind.RETRIABLE : Kind.UNKNOWN;
    }

    private static boolean permanent(Throwable t) {
        return t instanceof InvalidEventException
                || t instanceof ArtifactIntegrityException
                || t instanceof RecordTooLargeException
                || t instanceof RecordBatchTooLargeException
                || t instanceof InvalidTimestampException
                || t instanceof InvalidTopicException
                || t instanceof SerializationException
                || t instanceof AuthenticationException
                || t instanceof AuthorizationException;
    }

    private static boolean retriable(Throwable t) {
        return t instanceof RetriableException
                || t instanceof IOException
                || t instanceof UncheckedIOException
                || t instanceof java.util.concurrent.TimeoutException;
    }

    /**
     * The failure and its causes in one line, for a dead letter's reason and a log line: each as
     * {@code SimpleName: message}, joined by " ← " (at most 5).
     */
    public static String describe(Throwable failure) {
        StringBuilder s = new StringBuilder();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        int n = 0;
        for (Throwable t = failure; t != null && n < 5 && seen.put(t, Boolean.TRUE) == null; t = t.getCause(), n++) {
            if (n > 0) {
                s.append(" ← ");
            }
            s.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                s.append(": ").append(t.getMessage());
            }
        }
        return s.toString();
    }
}
