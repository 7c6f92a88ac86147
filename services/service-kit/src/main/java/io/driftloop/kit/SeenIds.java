package io.driftloop.kit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recent ids a handler has acted on, bounded (least recently added dropped first), to
 * recognise an event delivered twice. Thread-safe.
 */
public final class SeenIds {

    private final Map<String, Boolean> ids;

    public SeenIds(int capacity) {
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records {@code id}; true when it was not seen before. */
    public synchronized boolean firstTime(String id) {
        return ids.put(id, Boolean.TRUE) == null;
    }

    public synchronized boolean contains(String id) {
        return ids.containsKey(id);
    }
}
