package io.driftloop.subscriber;

import io.driftloop.contracts.events.ModelPromoted;

/**
 * Callbacks of a {@link ModelSubscriber}, all on its follower thread: keep them short and never
 * throw (an exception is logged and ignored). Every method has an empty default.
 */
public interface SubscriptionListener {

    /** {@code current} now serves; {@code previous} is the model it replaced, or null for the first. */
    default void swapped(LoadedModel<?> previous, LoadedModel<?> current) {
    }

    /** {@code promotion} was refused; the model that served before it keeps serving. */
    default void failed(ModelPromoted promotion, Exception error) {
    }

    /** A record on the topic was not a valid {@code ModelPromoted}; it is skipped. */
    default void invalidRecord(int partition, long offset, String reason) {
    }

    /** Everything that was on the topic at start has been applied. */
    default void caughtUp() {
    }
}
