package io.driftloop.registry.messaging;

import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.LifecycleStage;
import io.driftloop.contracts.events.ModelLifecycleChanged;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.follow.TopicFollower;
import io.driftloop.registry.domain.ChampionChange;
import io.driftloop.registry.domain.ModelHistory;
import io.driftloop.registry.domain.Registry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

/**
 * One registry instance: follows ct.model.lifecycle.v1 from its beginning for as long as it runs
 * (group-less {@link TopicFollower}), applying every record to its {@link Registry} in log order, and
 * takes decisions by writing them to that log. Any number of instances may run at once: a decision
 * is written with the model's position it was taken at, and only the first event on the log at a
 * position applies (see {@link Registry}). After writing, the instance waits until its follower has
 * read the position back: if its own event is the one applied, the decision stands; otherwise it
 * lost the race and decides again on the state that won. Decisions of one instance are taken one
 * at a time.
 *
 * <p>Promotions are reconciled, not owned: whenever this instance's follower applies a
 * {@code champion} event (whoever wrote it), when a decision stands or finds nothing to decide,
 * when ct.model.promoted.v1 changes, and after the rebuild, the current champion's
 * {@code ModelPromoted} is published unless ct.model.promoted.v1 already shows it (see
 * {@link #reconcile}). Its id derives from the champion event, so every instance publishes the same
 * record; two instances may both publish it (same id, same content: the topic is compacted and
 * consumers are idempotent). Thread-safe.
 */
public final class RegistryNode implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RegistryNode.class);
    private static final int MAX_ATTEMPTS = 20;

    /** Where an instance writes: lifecycle events and promotions, each send awaiting the broker's ack. */
    public interface Outbox {
        void lifecycle(ModelLifecycleChanged event);

        void promoted(ModelPromoted promoted, String eventId, String causationId);
    }

    private final Registry registry;
    private final Outbox outbox;
    /** The champion currently on ct.model.promoted.v1 for a model, as this instance last read it. */
    private final Function<String, Optional<ModelPromoted>> publishedChampion;
    /** Waits up to the given time until {@link #publishedChampion} holds what was on ct.model.promoted.v1 at start. */
    private final Predicate<Duration> publishedReady;
    private final Duration readBackWait;
    private final TopicFollower follower;
    private final Object decisions = new Object();
    private final Object changed = new Object();
    private final AtomicInteger waitingEvaluations = new AtomicInteger();
    private final AtomicLong lostRaces = new AtomicLong();
    private final AtomicLong promotions = new AtomicLong();
    private final Object promotionsLock = new Object();
    /** Per model, the promotion id this instance published that ct.model.promoted.v1 has not shown yet. */
    private final Map<String, String> publishing = new HashMap<>();
    private volatile boolean rebuilt;

    /**
     * @param publishedChampion the champion currently on ct.model.promoted.v1 for a model
     * @param publishedReady    waits up to the given time until {@code publishedChampion} holds what was
     *                          on ct.model.promoted.v1 at start; true once it does
     */
    public RegistryNode(java.util.Map<String, ?> consumer, String writer, Clock clock, Outbox outbox,
                        Function<String, Optional<ModelPromoted>> publishedChampion,
                        Predicate<Duration> publishedReady, Duration readBackWait) {
        this.registry = new Registry(clock, writer);
        this.outbox = outbox;
        this.publishedChampion = publishedChampion;
        this.publishedReady = publishedReady;
        this.readBackWait = readBackWait;
        this.follower = new TopicFollower(consumer, "registry-lifecycle-" + writer,
                List.of(Topics.MODEL_LIFECYCLE), this::onPoll);
    }

    public RegistryNode start() {
        follower.start();
        return this;
    }

    /**
     * Waits until everything on the log at start is applied and ct.model.promoted.v1 has been read
     * (each up to {@code timeout}), then publishes the promotion of any champion not yet on
     * ct.model.promoted.v1 (its instance stopped between the two writes); false when either is not
     * done in time.
     */
    public boolean awaitRebuilt(Duration timeout) {
        if (rebuilt) {
            return true;
        }
        // the promoted table must be read first, or the rebuild would republish every champion
        if (!follower.awaitCaughtUp(timeout) || !publishedReady.test(timeout)) {
            return false;
        }
        synchronized (decisions) {
            if (!rebuilt) {
                // set first: a champion event the follower applies from now on is reconciled by the follower
                rebuilt = true;
                registry.models().keySet().forEach(this::reconcile);
                LOG.infof("registry %s rebuilt from ct.model.lifecycle.v1: %d models", registry.writer(),
                        registry.models().size());
            }
        }
        return true;
    }

    public boolean isRebuilt() {
        return rebuilt;
    }

    /** Read access; every method of {@link Registry} is synchronized and returns immutable values. */
    public Registry registry() {
        return registry;
    }

    /**
     * Takes one decision for {@code model} and writes it to the log until it stands: returns the
     * event applied, or empty when the decision (taken on the current state) is that nothing
     * changes (the current champion's promotion is then reconciled). A
     * {@link io.driftloop.registry.domain.RegistryRefusal} thrown by the decision passes through
     * unchanged.
     *
     * @throws ReadBackTimeout when the event was written but not read back within the configured
     *                         wait: it is recorded, not confirmed (it may still win or lose its position)
     */
    public Optional<ModelLifecycleChanged> decide(String model,
                                                  Function<Registry, Optional<ModelLifecycleChanged>> decision) {
        if (!awaitRebuilt(Duration.ofMinutes(2))) {
            throw new IllegalStateException("ct.model.lifecycle.v1 not read within 2 minutes");
        }
        synchronized (decisions) {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                Optional<ModelLifecycleChanged> taken = decision.apply(registry);
                if (taken.isEmpty()) {
                    reconcile(model);
                    return Optional.empty();
                }
                ModelLifecycleChanged event = taken.get();
                outbox.lifecycle(event);
                long position = event.sequence();
                if (!awaitPosition(model, position + 1, readBackWait)) {
                    throw new ReadBackTimeout(event, readBackWait);
                }
                ModelLifecycleChanged applied = registry.appliedAt(model, position).orElseThrow();
                if (applied.eventId().equals(event.eventId()) && Objects.equals(applied.writer(), registry.writer())) {
                    LOG.infof("%s v%d -> %s (position %d): %s", model, event.version(), event.stage(), position,
                            event.reason());
                    if (event.stage() == LifecycleStage.CHAMPION) {
                        reconcile(model); // answered once its promotion is published (by the follower or here)
                    }
                    return Optional.of(applied);
                }
                lostRaces.incrementAndGet();
                LOG.infof("%s position %d was taken by %s of %s (%s v%d); deciding again (attempt %d)", model,
                        position, applied.eventId(), applied.writer(), applied.stage(), applied.version(), attempt);
            }
            throw new IllegalStateException("lost " + MAX_ATTEMPTS + " races in a row for '" + model + "'");
        }
    }

    /**
     * Waits until the trained event of {@code candidateId} is applied, so its evaluation can be
     * decided; false after {@code timeout}.
     */
    public boolean awaitCandidate(String model, String candidateId, Duration timeout) {
        waitingEvaluations.incrementAndGet();
        try {
            return awaitChange(() -> registry.knowsCandidate(model, candidateId), timeout);
        } finally {
            waitingEvaluations.decrementAndGet();
        }
    }

    public int waitingEvaluations() {
        return waitingEvaluations.get();
    }

    public long lostRaces() {
        return lostRaces.get();
    }

    public long promotionsPublished() {
        return promotions.get();
    }

    @Override
    public void close() {
        follower.close();
    }

    /**
     * ct.model.promoted.v1 changed for {@code model}: reconcile its promotion (a lagging instance may
     * have written an older champion's promotion over the current one).
     */
    public void promotionSeen(String model) {
        if (rebuilt) {
            reconcile(model);
        }
    }

    private void onPoll(ConsumerRecords<String, String> records) {
        Set<String> newChampions = new LinkedHashSet<>();
        for (ConsumerRecord<String, String> record : records) {
            if (record.value() == null) {
                continue;
            }
            ModelLifecycleChanged event;
            try {
                event = Json.decode(record.value(), ModelLifecycleChanged.class);
            } catch (InvalidEventException e) {
                LOG.errorf("skipping undecodable lifecycle record %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                continue;
            }
            Registry.Applied applied = registry.apply(event);
            if (applied.outcome() == Registry.Outcome.APPLIED && event.stage() == LifecycleStage.CHAMPION) {
                newChampions.add(event.model());
            }
            if (applied.outcome() == Registry.Outcome.REJECTED) {
                LOG.warnf("lifecycle record %s-%d@%d (%s %s v%d) ignored: %s", record.topic(), record.partition(),
                        record.offset(), event.model(), event.stage(), event.version(), applied.detail());
            } else if (applied.outcome() == Registry.Outcome.LOST_RACE) {
                LOG.debugf("lifecycle record %s-%d@%d lost its race: %s", record.topic(), record.partition(),
                        record.offset(), applied.detail());
            }
        }
        if (!records.isEmpty()) {
            synchronized (changed) {
                changed.notifyAll();
            }
        }
        if (rebuilt) {
            // whoever wrote them: their writer may have stopped before publishing the promotion
            newChampions.forEach(this::reconcile);
        }
    }

    private boolean awaitPosition(String model, long position, Duration timeout) {
        return awaitChange(() -> registry.position(model) >= position, timeout);
    }

    private boolean awaitChange(java.util.function.BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (!done.getAsBoolean()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    changed.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading ct.model.lifecycle.v1", e);
                }
            }
        }
        return true;
    }

    /**
     * Publishes the current champion's promotion unless ct.model.promoted.v1 already shows it, this
     * instance already published it and the topic has not shown it yet, or the topic shows a
     * promotion this instance has not applied yet (it is behind the log: a newer champion must not
     * be overwritten with an older one). Deterministic: the record and its id depend only on the log.
     */
    private void reconcile(String model) {
        synchronized (promotionsLock) {
            Optional<ModelPromoted> champion = registry.promoted(model);
            Optional<ModelHistory> history = registry.model(model);
            Optional<ChampionChange> change = history.flatMap(ModelHistory::currentChampionChange);
            if (champion.isEmpty() || change.isEmpty()) {
                return;
            }
            ModelPromoted promoted = champion.get();
            String id = promotionId(change.get().eventId());
            Optional<ModelPromoted> onTopic = publishedChampion.apply(model);
            if (onTopic.filter(p -> same(p, promoted)).isPresent()) {
                publishing.remove(model);
                return;
            }
            if (onTopic.isPresent() && history.get().championChanges().stream()
                    .noneMatch(c -> c.version() == onTopic.get().version()
                            && Objects.equals(c.at(), onTopic.get().promotedAt()))) {
                LOG.debugf("%s: ct.model.promoted.v1 shows v%d, a champion change not applied here yet", model,
                        onTopic.get().version());
                return;
            }
            if (id.equals(publishing.get(model))) {
                return;
            }
            outbox.promoted(promoted, id, change.get().eventId());
            publishing.put(model, id);
            promotions.incrementAndGet();
            LOG.infof("promoted %s v%d (previous %s, %s by %s): %s", model, promoted.version(),
                    promoted.previousVersion(), promoted.action(), promoted.actor(), promoted.reason());
        }
    }

    private static boolean same(ModelPromoted a, ModelPromoted b) {
        return a.version() == b.version() && Objects.equals(a.promotedAt(), b.promotedAt());
    }

    /** The id of the promotion caused by the champion event {@code championEventId}. */
    static String promotionId(String championEventId) {
        return UUID.nameUUIDFromBytes((championEventId + "/promoted").getBytes(StandardCharsets.UTF_8)).toString();
    }
}
