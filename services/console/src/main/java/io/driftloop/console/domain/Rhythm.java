package io.driftloop.console.domain;

import java.time.Duration;

/**
 * A stage's normal pace: how long a member may hold a committed offset still while records wait
 * before the partition counts as stalled. Data-prep holds a retrain request while it waits for
 * examples (up to its data deadline); the trainer holds a dataset for a whole search.
 *
 * @param mayHold how long the committed offset may stand still with records waiting
 * @param why     what the stage is doing meanwhile, for the rule's sentence
 */
public record Rhythm(Duration mayHold, String why) {

    /** A stage that handles each record in seconds. */
    public static final Rhythm DEFAULT = new Rhythm(Duration.ofMinutes(1), "records are handled in seconds");

    public Rhythm {
        if (mayHold == null || mayHold.isNegative() || mayHold.isZero()) {
            throw new IllegalArgumentException("mayHold must be positive, was " + mayHold);
        }
    }
}
