package io.driftloop.trainer.messaging;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.artifacts.ArtifactStore;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.TrialCheckpointed;
import io.driftloop.kit.CompactedTable;
import io.driftloop.kit.EventMessages;
import io.driftloop.kit.KafkaClients;
import io.driftloop.trainer.config.TrainerConfig;
import io.driftloop.trainer.domain.Checkpoints;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * The trials' checkpoints: stored in the artifact store (format {@value TrialCheckpointed#FORMAT})
 * and announced on ct.training.trials.v1 (key = trial id), which every trainer reads from the
 * beginning (group-less) and follows, so a dataset trained again after a crash — by this process or
 * by another member of the group — resumes each trial from its latest checkpoint. Remembers the
 * checkpoints of the {@link TrainerConfig#candidatesRemembered()} most recent trials.
 */
@ApplicationScoped
public class TrialCheckpoints {

    private static final Logger LOG = Logger.getLogger(TrialCheckpoints.class);

    private final ArtifactStore store;
    private final TrainerConfig config;
    private final MutinyEmitter<String> trials;
    private final CompactedTable<Optional<TrialCheckpointed>> log;
    private final Map<String, TreeMap<Integer, ArtifactRef>> byTrial;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean caughtUp;

    public TrialCheckpoints(KafkaClients kafka, ArtifactStore store, TrainerConfig config,
                            @Channel("trials") MutinyEmitter<String> trials) {
        this.store = store;
        this.config = config;
        this.trials = trials;
        int remembered = config.candidatesRemembered();
        this.byTrial = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TreeMap<Integer, ArtifactRef>> eldest) {
                return size() > remembered;
            }
        };
        this.log = new CompactedTable<>(kafka.consumer(), Topics.TRAINING_TRIALS,
                TrialCheckpoints::decode,
                (record, e) -> LOG.warnf("ignoring an invalid record %s-%d@%d: %s", record.topic(),
                        record.partition(), record.offset(), e.getMessage()));
        this.log.onChange((trialId, saved) -> {
            if (saved != null) {
                saved.ifPresent(c -> remember(c.trialId(), c.epoch(), c.checkpoint()));
            }
        });
    }

    /** A checkpoint record, or empty for the topic's requests; anything else is invalid. */
    static Optional<TrialCheckpointed> decode(String json) {
        return TrialRequestConsumer.kind(json).equals(TrialCheckpointed.KIND)
                ? Optional.of(Json.decode(json, TrialCheckpointed.class).validate())
                : Optional.empty();
    }

    void start(@Observes StartupEvent ignored) {
        log.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        log.close();
    }

    /** Publishes {@code event} on ct.training.trials.v1 under {@code trialId} and waits for the broker's ack. */
    void send(String trialId, String eventId, String causationId, Object event) {
        trials.sendMessageAndAwait(EventMessages.event(DatasetReadyConsumer.SERVICE, Topics.TRAINING_TRIALS, trialId,
                eventId, causationId, event));
    }

    private synchronized void remember(String trialId, int epoch, ArtifactRef ref) {
        byTrial.computeIfAbsent(trialId, id -> new TreeMap<>()).put(epoch, ref);
        notifyAll();
    }

    /** Whether trial {@code trialId} has a checkpoint labelled exactly {@code epoch}. */
    public synchronized boolean has(String trialId, int epoch) {
        TreeMap<Integer, ArtifactRef> saved = byTrial.get(trialId);
        return saved != null && saved.containsKey(epoch);
    }

    /**
     * Waits until every trial of {@code epochs} (trial id → epoch) has a checkpoint labelled with its
     * epoch, whoever saved it, woken by each checkpoint read; returns the trials still without one
     * after {@code timeout}.
     */
    public synchronized List<String> await(Map<String, Integer> epochs, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> missing = epochs.entrySet().stream().filter(e -> !has(e.getKey(), e.getValue()))
                    .map(Map.Entry::getKey).toList();
            long left = deadline - System.nanoTime();
            if (missing.isEmpty() || left <= 0) {
                return missing;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private synchronized Optional<Map.Entry<Integer, ArtifactRef>> floor(String trialId, int atMost) {
        TreeMap<Integer, ArtifactRef> saved = byTrial.get(trialId);
        return Optional.ofNullable(saved == null ? null : saved.floorEntry(atMost));
    }

    /** The checkpoints of the search {@code ready} asked for: saved and announced as caused by it. */
    public Checkpoints of(DatasetReady ready) {
        return new Checkpoints() {
            @Override
            public void save(String trialId, int epoch, byte[] checkpoint) {
                ArtifactRef ref = store.put(checkpoint, TrialCheckpointed.FORMAT);
                String eventId = UUID.nameUUIDFromBytes((trialId + "/checkpoint/" + epoch)
                        .getBytes(StandardCharsets.UTF_8)).toString();
                TrialCheckpointed event = new TrialCheckpointed(eventId, ready.eventId(), ready.model(),
                        ready.datasetId(), trialId, TrialCheckpointed.KIND, epoch, ref, clock.instant());
                send(trialId, eventId, ready.eventId(), event);
                remember(trialId, epoch, ref);
            }

            @Override
            public Optional<Saved> latest(String trialId, int atMost) {
                awaitCaughtUp();
                Optional<Map.Entry<Integer, ArtifactRef>> found = floor(trialId, atMost);
                if (found.isEmpty()) {
                    return Optional.empty();
                }
                try {
                    byte[] bytes = store.get(found.get().getValue());
                    LOG.debugf("trial %s of %s goes on from its checkpoint at epoch %d", trialId, ready.model(),
                            found.get().getKey());
                    return Optional.of(new Saved(found.get().getKey(), bytes));
                } catch (RuntimeException e) {
                    LOG.warnf("the checkpoint of trial %s at epoch %d cannot be read (%s): training it from scratch",
                            trialId, found.get().getKey(), e.getMessage());
                    return Optional.empty();
                }
            }
        };
    }

    private void awaitCaughtUp() {
        if (!caughtUp) {
            caughtUp = log.awaitCaughtUp(config.catchUpTimeout());
            if (!caughtUp) {
                LOG.warnf("%s not read within %s: resuming from what was read so far", Topics.TRAINING_TRIALS,
                        config.catchUpTimeout());
            }
        }
    }
}
