package io.driftloop.driftdetector.messaging;

import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.kit.EventMessages;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes drift statistics (channel drift-stats → ct.drift.stats.v1, acknowledged before the
 * positions they came from are committed) and retraining requests (channel retrain-requests →
 * ct.retrain.requested.v1, waiting for the broker's acknowledgement),
 * and counts them: windows evaluated and drifted, requests by trigger, share drifted per model.
 */
@ApplicationScoped
public class DriftPublisher {

    static final String SERVICE = "drift-detector";

    private final MutinyEmitter<String> stats;
    private final MutinyEmitter<String> requests;
    private final MutinyEmitter<String> abandoned;
    private final MeterRegistry meters;
    private final Map<String, Double> shares = new ConcurrentHashMap<>();
    private final Object sending = new Object();
    private long inFlight;
    private Throwable undelivered;

    public DriftPublisher(@Channel("drift-stats") MutinyEmitter<String> stats,
                          @Channel("retrain-requests") MutinyEmitter<String> requests,
                          @Channel("retrain-abandoned") MutinyEmitter<String> abandoned, MeterRegistry meters) {
        this.abandoned = abandoned;
        this.stats = stats;
        this.requests = requests;
        this.meters = meters;
    }

    /**
     * Sends the statistics without waiting for the broker: {@link #flush} waits for every send so
     * far, and {@link Checkpoints} calls it before it commits the positions the statistics came from.
     */
    public void stats(DriftStats s) {
        if (s.adaptation() != null) {
            meters.timer("driftloop.adapt.time", "model", s.model())
                    .record(java.time.Duration.ofMillis(Math.max(0, Math.round(s.adaptation().seconds() * 1000))));
        }
        var message = EventMessages.event(SERVICE, Topics.DRIFT_STATS, s.model(), s.eventId(), null, s);
        if (s.ofLabels()) {
            // label windows come from the history follower, not from positions a checkpoint commits
            stats.sendMessageAndAwait(message);
        } else {
            synchronized (sending) {
                inFlight++;
            }
            try {
                stats.sendMessage(message).subscribe().with(ok -> sent(null), this::sent);
            } catch (RuntimeException e) {
                sent(e);
                throw e;
            }
        }
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

    private void sent(Throwable failure) {
        synchronized (sending) {
            inFlight--;
            if (failure != null && undelivered == null) {
                undelivered = failure;
            }
            sending.notifyAll();
        }
    }

    /**
     * Waits until every statistics event sent so far is acknowledged by the broker. Throws when
     * {@code timeout} passes first, or when one was not delivered: positions must then not be
     * committed, so a restart reads those events again and publishes their statistics.
     */
    public void flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (sending) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(inFlight + " drift statistics events not acknowledged within " + timeout);
                }
                try {
                    sending.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for drift statistics to be sent", e);
                }
            }
            if (undelivered != null) {
                throw new IllegalStateException("a drift statistics event was not delivered; positions are no longer "
                        + "committed, a restart publishes it again", undelivered);
            }
        }
    }

    public void request(RetrainRequested r) {
        requests.sendMessageAndAwait(EventMessages.event(SERVICE, Topics.RETRAIN_REQUESTED, r.model(), r.eventId(),
                r.causationId(), r));
        meters.counter("driftloop.retrain.requests", "model", r.model(),
                "trigger", r.trigger().name().toLowerCase(java.util.Locale.ROOT),
                "attempt", r.attemptNumber() == 1 ? "first" : "later").increment();
    }

    /** Publishes (ct.retrain.abandoned.v1) and counts a series of attempts given up after its last verdict did not pass. */
    public void gaveUp(io.driftloop.driftdetector.domain.RetrainPolicy.GiveUp g) {
        var event = g.event();
        abandoned.sendMessageAndAwait(EventMessages.event(SERVICE, Topics.RETRAIN_ABANDONED, event.model(),
                event.eventId(), event.causationId(), event));
        meters.counter("driftloop.retrain.given.up", "model", g.model(), "trigger",
                g.first().trigger().name().toLowerCase(java.util.Locale.ROOT), "verdict", g.verdict()).increment();
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
