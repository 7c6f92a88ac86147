package io.driftloop.registry.messaging;

import io.driftloop.contracts.events.LifecycleStage;
import io.driftloop.contracts.events.ModelLifecycleChanged;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.kit.Catalogs;
import io.driftloop.registry.domain.Registry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The registry of this process. On start it is rebuilt from ct.model.lifecycle.v1 (on a thread of
 * its own); no decision is taken before that is done. Decisions are taken one at a time: decide,
 * publish every resulting lifecycle event (awaiting acks), apply them, then publish the promotion
 * of a new champion. A failure before the apply leaves the state as it was, so a retry takes the
 * same decision and republishes the same events (same ids; applying twice has no effect).
 * Promotions are reconciled with ct.model.promoted.v1: after the rebuild and after every decision,
 * a champion whose promotion is not on that topic yet is published.
 */
@ApplicationScoped
public class RegistryState {

    private static final Logger LOG = Logger.getLogger(RegistryState.class);

    private final Registry registry = new Registry(Clock.systemUTC());
    private final CountDownLatch rebuilt = new CountDownLatch(1);
    private final Object decisions = new Object();
    private final Object changed = new Object();
    /** Champion version whose promotion is known to be on ct.model.promoted.v1, per model. */
    private final Map<String, Integer> published = new HashMap<>();
    private final String bootstrapServers;
    private final LifecyclePublisher publisher;
    private final Catalogs catalogs;
    private final Counter versionsRecorded;
    private final Counter promotions;

    public RegistryState(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                         LifecyclePublisher publisher, Catalogs catalogs, MeterRegistry meters) {
        this.bootstrapServers = bootstrapServers;
        this.publisher = publisher;
        this.catalogs = catalogs;
        this.versionsRecorded = meters.counter("driftloop.registry.versions.recorded");
        this.promotions = meters.counter("driftloop.registry.promotions");
        meters.gauge("driftloop.registry.models", registry, r -> r.models().size());
        meters.gauge("driftloop.registry.versions", registry,
                r -> r.models().values().stream().mapToInt(h -> h.versions().size()).sum());
        meters.gauge("driftloop.registry.pending.evaluations", registry, Registry::pendingEvaluations);
    }

    void onStart(@Observes StartupEvent start) {
        Thread thread = new Thread(this::rebuild, "registry-rebuild");
        thread.setDaemon(true);
        thread.start();
    }

    private void rebuild() {
        for (int attempt = 1; ; attempt++) {
            try {
                long started = System.nanoTime();
                LifecycleLog.Replayed replayed = LifecycleLog.replay(bootstrapServers, registry::apply);
                synchronized (decisions) {
                    if (!catalogs.awaitReady(Duration.ofSeconds(60))) {
                        throw new IllegalStateException("specs and champions not read within 60 s");
                    }
                    catalogs.champions().snapshot().forEach((model, p) -> published.put(model, p.version()));
                    registry.models().keySet().forEach(this::reconcile);
                }
                rebuilt.countDown();
                LOG.infof("registry rebuilt from %d lifecycle events (%d skipped) in %d ms: %d models",
                        replayed.applied(), replayed.skipped(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                        registry.models().size());
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "rebuilding the registry failed (attempt %d), trying again", attempt);
                try {
                    Thread.sleep(Math.min(30_000L, 1000L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public boolean isRebuilt() {
        return rebuilt.getCount() == 0;
    }

    /** Blocks until the state is rebuilt from the lifecycle log; input waits for this. */
    public void awaitRebuilt() {
        try {
            while (!rebuilt.await(30, TimeUnit.SECONDS)) {
                LOG.info("still waiting for the registry to be rebuilt before handling input");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the registry rebuild", e);
        }
    }

    /** Read access; every method of {@link Registry} is synchronized and returns immutable values. */
    public Registry registry() {
        return registry;
    }

    /**
     * Takes one decision for {@code model}, publishes and applies its events, and publishes a
     * new champion's promotion. Returns the events applied.
     */
    public List<ModelLifecycleChanged> decide(String model, Function<Registry, List<ModelLifecycleChanged>> decision) {
        awaitRebuilt();
        List<ModelLifecycleChanged> events;
        synchronized (decisions) {
            events = decision.apply(registry);
            events.forEach(publisher::lifecycle);
            events.forEach(registry::apply);
            events.forEach(e -> LOG.infof("%s v%d (%s) -> %s: %s", e.model(), e.version(), e.candidateId(),
                    e.stage(), e.reason()));
            versionsRecorded.increment(events.stream().filter(e -> e.stage() == LifecycleStage.CANDIDATE).count());
            reconcile(model);
        }
        synchronized (changed) {
            changed.notifyAll();
        }
        return events;
    }

    /** Waits until an evaluation pending for {@code candidateId} is decided; false after {@code timeout}. */
    public boolean awaitNotPending(String model, String candidateId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (registry.isPending(model, candidateId)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    changed.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a candidate", e);
                }
            }
        }
        return true;
    }

    private void reconcile(String model) {
        registry.promoted(model).ifPresent(promoted -> {
            if (!Objects.equals(published.get(model), promoted.version())) {
                publish(promoted);
            }
        });
    }

    private void publish(ModelPromoted promoted) {
        publisher.promoted(promoted);
        published.put(promoted.model(), promoted.version());
        promotions.increment();
        LOG.infof("promoted %s v%d (previous %s): %s", promoted.model(), promoted.version(),
                promoted.previousVersion(), promoted.reason());
    }
}
