package io.driftloop.driftdetector.domain;

import java.time.Instant;
import java.util.Map;

/**
 * What the drift-detector saved of one model at {@code savedAt}: its state after every inference
 * event up to {@code positions} (last offset read per partition, as {@code topic-partition}) was
 * counted. A restart restores the state and counts an event again only if it lies after those
 * positions, so a window is neither lost nor counted twice.
 */
public record Checkpoint(String model, Instant savedAt, Map<String, Long> positions, DriftMonitor.ModelState state) {

    public Checkpoint {
        positions = positions == null ? Map.of() : Map.copyOf(positions);
    }

    /** Whether the event at {@code offset} of {@code partition} is already counted in this state. */
    public boolean covers(String partition, long offset) {
        Long last = positions.get(partition);
        return last != null && offset <= last;
    }
}
