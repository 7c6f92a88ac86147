package io.driftloop.dataprep.domain;

import io.driftloop.contracts.events.FeedbackEvent;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.events.LabelledExample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Joins inference and feedback by (model, request id), whichever arrives first. A side waits at
 * most {@code ttl}; a pair joined once is remembered (bounded) so a redelivered inference or
 * feedback never yields a second example. Not thread-safe: one caller at a time.
 */
public final class ExampleJoiner {

    private record Key(String model, String requestId) {
    }

    private record Waiting<T>(T event, Instant since) {
    }

    private final Duration ttl;
    private final Clock clock;
    private final int maxJoinedRemembered;
    private final Map<Key, Waiting<InferenceEvent>> inferences = new LinkedHashMap<>();
    private final Map<Key, Waiting<FeedbackEvent>> feedbacks = new LinkedHashMap<>();
    private final LinkedHashMap<Key, Boolean> joined = new LinkedHashMap<>();
    private long expired;

    public ExampleJoiner(Duration ttl, int maxJoinedRemembered, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        this.maxJoinedRemembered = maxJoinedRemembered;
    }

    public Optional<LabelledExample> onInference(InferenceEvent e) {
        Key key = new Key(e.model(), e.requestId());
        if (joined.containsKey(key)) {
            return Optional.empty();
        }
        Waiting<FeedbackEvent> f = feedbacks.remove(key);
        if (f == null) {
            inferences.putIfAbsent(key, new Waiting<>(e, clock.instant()));
            return Optional.empty();
        }
        return Optional.of(join(key, e, f.event()));
    }

    public Optional<LabelledExample> onFeedback(FeedbackEvent f) {
        Key key = new Key(f.model(), f.requestId());
        if (joined.containsKey(key)) {
            return Optional.empty();
        }
        Waiting<InferenceEvent> e = inferences.remove(key);
        if (e == null) {
            feedbacks.putIfAbsent(key, new Waiting<>(f, clock.instant()));
            return Optional.empty();
        }
        return Optional.of(join(key, e.event(), f));
    }

    /** Drops sides that waited longer than the ttl; returns how many were dropped. */
    public int expire() {
        Instant limit = clock.instant().minus(ttl);
        int n = expire(inferences, limit) + expire(feedbacks, limit);
        expired += n;
        return n;
    }

    public int waiting() {
        return inferences.size() + feedbacks.size();
    }

    public long expiredTotal() {
        return expired;
    }

    private LabelledExample join(Key key, InferenceEvent e, FeedbackEvent f) {
        joined.put(key, Boolean.TRUE);
        if (joined.size() > maxJoinedRemembered) {
            Iterator<Key> oldest = joined.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return new LabelledExample(e.model(), e.requestId(), e.timestamp(), e.features(), e.attributes(), f.label(),
                e.modelVersion(), e.prediction(), e.score());
    }

    private static int expire(Map<Key, ? extends Waiting<?>> waiting, Instant limit) {
        int n = 0;
        // insertion order is arrival order, so the oldest come first
        for (Iterator<? extends Waiting<?>> it = waiting.values().iterator(); it.hasNext(); ) {
            if (!it.next().since().isBefore(limit)) {
                break;
            }
            it.remove();
            n++;
        }
        return n;
    }
}
