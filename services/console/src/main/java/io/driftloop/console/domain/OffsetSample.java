package io.driftloop.console.domain;

import java.time.Instant;

/**
 * One observation of a group's partition: when it was made, the group's committed offset and the
 * partition's log-end offset then.
 */
public record OffsetSample(Instant at, long committed, long end) {

    public OffsetSample {
        if (at == null) {
            throw new IllegalArgumentException("a sample needs its time");
        }
        if (committed < 0 || end < 0) {
            throw new IllegalArgumentException("offsets are not negative: committed " + committed + ", end " + end);
        }
    }

    /** Records written but not yet committed by the group (0 when it is at or past the end). */
    public long lag() {
        return Math.max(0, end - committed);
    }
}
