package io.driftloop.driftdetector.messaging;

import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.kit.EventMessages;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes drift statistics (channel drift-stats → ct.drift.stats.v1) and retraining requests
 * (channel retrain-requests → ct.retrain.requested.v1), waiting for the broker's acknowledgement,
 * and counts them: windows evaluated and drifted, requests by trigger, share drifted per model.
 */
@ApplicationScoped
public class DriftPublisher {

    static final String SERVICE = "drift-detector";

    private final MutinyEmitter<String> stats;
    private final MutinyEmitter<String> requests;
    private final MeterRegistry meters;
    private final Map<String, Double> shares = new ConcurrentHashMap<>();

    public DriftPublisher(@Channel("drift-stats") MutinyEmitter<String> stats,
                          @Channel("retrain-requests") MutinyEmitter<String> requests, MeterRegistry meters) {
        this.stats = stats;
        this.requests = requests;
        this.meters = meters;
    }

    public void stats(DriftStats s) {
        stats.sendMessageAndAwait(EventMessages.event(SERVICE, Topics.DRIFT_STATS, s.model(), s.eventId(), null, s));
        if (s.ofLabels()) {
            meters.counter("driftloop.drift.label.windows", "model", s.model(), "drifted", Boolean.toString(s.drifted()))
                    .increment();
            return;
        }
        meters.counter("driftloop.drift.windows.evaluated", "model", s.model()).increment();
        if (s.drifted()) {
            meters.counter("driftloop.drift.windows.drifted", "model", s.model()).increment();
        }
        if (shares.put(s.model(), s.shareDrifted()) == null) {
            Gauge.builder("driftloop.drift.share.drifted", shares, m -> m.getOrDefault(s.model(), 0.0))
                    .tag("model", s.model())
                    .description("share of features drifted in the model's last evaluated window")
                    .register(meters);
        }
    }

    public void request(RetrainRequested r) {
        requests.sendMessageAndAwait(EventMessages.event(SERVICE, Topics.RETRAIN_REQUESTED, r.model(), r.eventId(),
                r.causationId(), r));
        meters.counter("driftloop.retrain.requests", "model", r.model(),
                "trigger", r.trigger().name().toLowerCase(java.util.Locale.ROOT)).increment();
    }

    /** Counts a drift alarm folded into a request already in flight (no request published). */
    public void folded(String model) {
        meters.counter("driftloop.drift.alarms.folded", "model", model).increment();
    }

    /** Counts a full window that was not evaluated, by why. */
    public void discarded(String model, String why) {
        meters.counter("driftloop.drift.windows.discarded", "model", model, "reason", why).increment();
    }
}
