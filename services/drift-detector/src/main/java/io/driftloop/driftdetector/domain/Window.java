package io.driftloop.driftdetector.domain;

import io.driftloop.contracts.events.InferenceEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A count-based window of one model's inference events: it is full after {@code capacity} distinct
 * request ids; a request id seen again within the window is ignored. It remembers the champion
 * version it was started under and the position of its first event ({@code origin}), which names
 * the window deterministically. Not thread-safe.
 */
public final class Window {

    private final String model;
    private final int capacity;
    private final Integer championVersion;
    private final String origin;
    private final Set<String> requestIds = new HashSet<>();
    private final List<Map<String, Object>> features = new ArrayList<>();
    private Instant start;
    private Instant end;

    /**
     * @param capacity        events per window, positive
     * @param championVersion champion when the window started, or null when there was none
     * @param origin          where the first event came from, e.g. {@code ct.inference.v1-2@1041}
     */
    public Window(String model, int capacity, Integer championVersion, String origin) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a window holds at least one event, capacity was " + capacity);
        }
        this.model = model;
        this.capacity = capacity;
        this.championVersion = championVersion;
        this.origin = origin;
    }

    /** Adds the event; false when its request id is already in the window or the window is full. */
    public boolean add(InferenceEvent event) {
        if (full() || !requestIds.add(event.requestId())) {
            return false;
        }
        features.add(event.features());
        if (start == null || event.timestamp().isBefore(start)) {
            start = event.timestamp();
        }
        if (end == null || event.timestamp().isAfter(end)) {
            end = event.timestamp();
        }
        return true;
    }

    public boolean full() {
        return features.size() >= capacity;
    }

    public int size() {
        return features.size();
    }

    public int capacity() {
        return capacity;
    }

    public String model() {
        return model;
    }

    public Integer championVersion() {
        return championVersion;
    }

    public String origin() {
        return origin;
    }

    /** Timestamp of the earliest event in the window; null while empty. */
    public Instant start() {
        return start;
    }

    /** Timestamp of the latest event in the window; null while empty. */
    public Instant end() {
        return end;
    }

    /** The numeric values of {@code feature} in arrival order; events without a number for it are skipped. */
    public double[] numeric(String feature) {
        return features.stream().map(f -> f.get(feature)).filter(Number.class::isInstance)
                .mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    /**
     * Count per value of {@code feature}; a missing value counts as the empty string, as in the
     * reference profile built from the training data.
     */
    public Map<String, Long> categorical(String feature) {
        Map<String, Long> counts = new TreeMap<>();
        for (Map<String, Object> f : features) {
            Object v = f.get(feature);
            counts.merge(v == null ? "" : v.toString(), 1L, Long::sum);
        }
        return counts;
    }
}
