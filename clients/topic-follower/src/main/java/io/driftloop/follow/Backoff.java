package io.driftloop.follow;

/**
 * The one backoff of Driftloop's retries (followers, inbound records, dead letters): 200 ms before the
 * second attempt, doubling, at most {@value #MAX_MILLIS} ms apart.
 */
public final class Backoff {

    /** The longest wait between two attempts. */
    public static final long MAX_MILLIS = 30_000;

    private Backoff() {
    }

    /** The wait after failed attempt {@code attempt} (from 1): 200 ms doubling, at most {@code capMillis}; 0 before any. */
    public static long millis(int attempt, long capMillis) {
        if (attempt < 1) {
            return 0;
        }
        return Math.min(capMillis, 200L << Math.min(attempt - 1, 20));
    }

    /** The wait after failed attempt {@code attempt}, at most {@link #MAX_MILLIS}. */
    public static long millis(int attempt) {
        return millis(attempt, MAX_MILLIS);
    }

    /** Sleeps {@code millis}; an interrupt is kept on the thread and ends the retrying with an exception. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
