package io.driftloop.driftdetector.domain;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A count-based window of one model's labelled examples, kept as a count per label: full after
 * {@code capacity} examples. Compared with the training labels of the champion it was started
 * under, it shows a prior shift; a new champion starts a new window. Named by the position of its
 * first example ({@code origin}). It also notes whether the champion's concept-drift detector
 * alarmed on one of its examples. Not thread-safe.
 */
public final class LabelWindow {

    private final String model;
    private final int capacity;
    private final String origin;
    private final int championVersion;
    private final Map<String, Long> counts = new TreeMap<>();
    private int size;
    private boolean alarmed;
    private Instant start;
    private Instant end;

    public LabelWindow(String model, int capacity, String origin, int championVersion) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a label window holds at least one example, capacity was " + capacity);
        }
        this.model = model;
        this.capacity = capacity;
        this.origin = origin;
        this.championVersion = championVersion;
    }

    /** The champion whose training labels this window is compared with. */
    public int championVersion() {
        return championVersion;
    }

    /** Counts one example's label; returns whether the window is now full. */
    public boolean add(int label, Instant at) {
        if (full()) {
            throw new IllegalStateException("the label window of " + model + " is full");
        }
        counts.merge(Integer.toString(label), 1L, Long::sum);
        size++;
        start = start == null || at.isBefore(start) ? at : start;
        end = end == null || at.isAfter(end) ? at : end;
        return full();
    }

    /** The concept-drift detector alarmed on one of this window's examples. */
    public void alarmed() {
        alarmed = true;
    }

    /** Whether the concept-drift detector alarmed on one of this window's examples. */
    public boolean sawAlarm() {
        return alarmed;
    }

    public boolean full() {
        return size >= capacity;
    }

    public String model() {
        return model;
    }

    public String origin() {
        return origin;
    }

    public int size() {
        return size;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    /** Examples per label ({@code "0"}, {@code "1"}). */
    public Map<String, Long> counts() {
        return Map.copyOf(counts);
    }
}
