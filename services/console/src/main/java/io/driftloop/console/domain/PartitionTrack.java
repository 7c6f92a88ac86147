package io.driftloop.console.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The sliding window of a group's partition: its last {@code size} observations, oldest first, and
 * since when the committed offset has stood at its current value (which may be longer than the
 * window). Not thread-safe.
 */
public final class PartitionTrack {

    private final int size;
    private final Deque<OffsetSample> samples = new ArrayDeque<>();
    private Instant heldSince;

    public PartitionTrack(int size) {
        if (size < 2) {
            throw new IllegalArgumentException("a window holds at least 2 observations, was " + size);
        }
        this.size = size;
    }

    /** Adds an observation; samples must come in time order. */
    public void observe(OffsetSample sample) {
        OffsetSample last = samples.peekLast();
        if (last != null && sample.at().isBefore(last.at())) {
            throw new IllegalArgumentException("observation at " + sample.at() + " is older than the last, " + last.at());
        }
        if (last == null || last.committed() != sample.committed()) {
            heldSince = sample.at();
        }
        samples.addLast(sample);
        while (samples.size() > size) {
            samples.removeFirst();
        }
    }

    public List<OffsetSample> samples() {
        return List.copyOf(samples);
    }

    public boolean isEmpty() {
        return samples.isEmpty();
    }

    public OffsetSample last() {
        return samples.peekLast();
    }

    /** Since when the committed offset has had its current value (as first observed); null before any. */
    public Instant heldSince() {
        return heldSince;
    }

    /** Records committed per second over the window; 0 with fewer than two observations. */
    public double rate() {
        OffsetSample first = samples.peekFirst();
        OffsetSample last = samples.peekLast();
        if (first == null || first == last) {
            return 0;
        }
        double seconds = Duration.between(first.at(), last.at()).toNanos() / 1e9;
        return seconds <= 0 ? 0 : Math.max(0, last.committed() - first.committed()) / seconds;
    }
}
