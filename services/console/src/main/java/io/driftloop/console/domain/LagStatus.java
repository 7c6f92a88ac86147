package io.driftloop.console.domain;

/**
 * The state of a consumer group's partition, or of the group (its worst partition), after Burrow's
 * consumer status: OK; WARN, the lag grew at every observation while the group consumed; STALL, a
 * member holds the committed offset still, with records waiting, for longer than the stage's rhythm
 * allows; STOP, no member consumes while records wait; ERR, the offsets make no sense (rewound, or
 * past the end of the log). Declared from best to worst.
 */
public enum LagStatus {
    OK, WARN, STALL, STOP, ERR;

    /** The worse of this and {@code other}. */
    public LagStatus worse(LagStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
