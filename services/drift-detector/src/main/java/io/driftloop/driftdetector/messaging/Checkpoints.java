package io.driftloop.driftdetector.messaging;

import io.driftloop.kit.KafkaClients;
import io.driftloop.contracts.Json;
import io.driftloop.driftdetector.config.DriftDetectorConfig;
import io.driftloop.driftdetector.domain.Checkpoint;
import io.driftloop.driftdetector.domain.DriftMonitor;
import io.driftloop.kit.Catalogs;
import io.driftloop.kit.CompactedTable;
import io.driftloop.kit.EventMessages;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Checkpoints of the drift-detector on the compacted topic {@value #TOPIC} (key = model): every
 * {@code checkpoint-interval}, each model that read inference events since the last checkpoint is
 * saved (its open window, hysteresis count and the inference positions read) once every drift
 * statistics event sent so far is acknowledged, and only then are the positions committed for the
 * consumer group. The inference channel never commits otherwise
 * ({@code commit-strategy=ignore}), so after a kill the group resumes right after the last
 * checkpoint: the restored windows carry on and the events after it are counted once. Checkpoints
 * are read back on start before the first inference event is handled.
 */
@ApplicationScoped
public class Checkpoints {

    /** The drift-detector's own compacted topic. */
    public static final String TOPIC = "ct.drift.state.v1";
    static final String INFERENCE_CHANNEL = "inference";

    private static final Logger LOG = Logger.getLogger(Checkpoints.class);

    private final KafkaClients clients;
    private final DriftMonitor monitor;
    private final MutinyEmitter<String> emitter;
    private final KafkaClientService kafka;
    private final DriftDetectorConfig config;
    private final DriftPublisher publisher;
    private final Catalogs catalogs;
    private final Clock clock = Clock.systemUTC();
    private final Object lock = new Object();
    private final Map<String, Long> positions = new HashMap<>();
    private final Map<TopicPartition, String> partitionNames = new HashMap<>();
    private final Set<String> dirty = new HashSet<>();
    private final Map<String, Checkpoint> restored = new ConcurrentHashMap<>();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private ScheduledExecutorService saver;

    public Checkpoints(KafkaClients clients, DriftMonitor monitor,
                       @Channel("drift-state") MutinyEmitter<String> emitter, KafkaClientService kafka,
                       DriftDetectorConfig config, DriftPublisher publisher, Catalogs catalogs) {
        this.publisher = publisher;
        this.catalogs = catalogs;
        this.clients = clients;
        this.monitor = monitor;
        this.emitter = emitter;
        this.kafka = kafka;
        this.config = config;
    }

    void start(@Observes StartupEvent ignored) {
        saver = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "drift-checkpoints");
            t.setDaemon(true);
            return t;
        });
        saver.execute(this::load);
        long every = config.checkpointInterval().toMillis();
        saver.scheduleWithFixedDelay(this::saveQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** A last checkpoint, on the saver's own thread so it never runs beside a scheduled one. */
    void stop(@Observes ShutdownEvent ignored) {
        if (saver == null) {
            return;
        }
        saver.execute(this::saveQuietly);
        saver.shutdown();
        try {
            if (!saver.awaitTermination(90, TimeUnit.SECONDS)) {
                LOG.warn("the last checkpoint did not finish: a restart re-reads from the one before");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until the checkpoints on the topic at start are restored (or found unreadable): counting
     * before would count events the restored windows already hold. Says so every {@code every}.
     */
    public void awaitLoaded(Duration every) {
        try {
            while (!loaded.await(every.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("still reading the checkpoints on %s; inference events wait", TOPIC);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the checkpoints", e);
        }
    }

    /** Marks {@code model} as changed since the last checkpoint (the event's model, whatever the record key). */
    public void touched(String model) {
        synchronized (lock) {
            dirty.add(model);
        }
    }

    /** What is done with one inference record. */
    @FunctionalInterface
    public interface RecordHandler<V> {
        /** @param partition where the record was read, {@code topic-partition} */
        void handle(ConsumerRecord<String, V> record, String partition);
    }

    /**
     * Runs {@code work} for each inference record of one poll, in order, except those the restored
     * checkpoint of the record's model (its key) already counted; then remembers the position of
     * each partition's last record handled for the next checkpoint. The whole poll is handled under
     * the lock a checkpoint takes, so a checkpoint sees either none or all of it.
     */
    public <V> void handle(ConsumerRecords<String, V> records, RecordHandler<V> work) {
        synchronized (lock) {
            for (TopicPartition tp : records.partitions()) {
                String partition = partitionNames.computeIfAbsent(tp, p -> p.topic() + "-" + p.partition());
                long last = -1;
                String lastModel = null;
                try {
                    for (ConsumerRecord<String, V> record : records.records(tp)) {
                        String model = record.key();
                        if (!restored.isEmpty() && model != null) {
                            Checkpoint from = restored.get(model);
                            if (from != null && from.covers(partition, record.offset())) {
                                LOG.debugf("%s@%d already counted in the checkpoint of %s", partition, record.offset(),
                                        model);
                                continue;
                            }
                        }
                        work.handle(record, partition);
                        last = record.offset();
                        if (model != null && !model.equals(lastModel)) {
                            dirty.add(model);
                            lastModel = model;
                        }
                    }
                } finally {
                    if (last >= 0) {
                        positions.merge(partition, last, Math::max);
                    }
                }
            }
        }
    }

    /** Saves every model changed since the last checkpoint, then commits the positions read. */
    public void save() {
        Map<String, Checkpoint> batch = new LinkedHashMap<>();
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        synchronized (lock) {
            if (dirty.isEmpty()) {
                return;
            }
            Instant now = clock.instant();
            for (String model : dirty) {
                batch.put(model, new Checkpoint(model, now, positions, monitor.snapshot(model)));
            }
            positions.forEach((partition, offset) -> commit.put(partitionOf(partition), new OffsetAndMetadata(offset + 1)));
            dirty.clear();
        }
        try {
            publisher.flush(Duration.ofSeconds(60));
            for (Checkpoint c : batch.values()) {
                emitter.sendMessageAndAwait(EventMessages.event(DriftPublisher.SERVICE, TOPIC, c.model(),
                        c.model() + "@" + c.savedAt(), null, c));
            }
            kafka.getConsumer(INFERENCE_CHANNEL).commit(commit).await().atMost(Duration.ofSeconds(30));
            LOG.debugf("checkpoint of %d models at %s", batch.size(), commit);
        } catch (RuntimeException e) {
            synchronized (lock) {
                dirty.addAll(batch.keySet());
            }
            throw e;
        }
    }

    private void saveQuietly() {
        try {
            save();
        } catch (RuntimeException e) {
            LOG.warnf("checkpoint not saved, retried at the next interval: %s", e.toString());
        }
    }

    private void load() {
        try (CompactedTable<Checkpoint> table = new CompactedTable<>(clients.consumer(), TOPIC,
                json -> Json.decode(json, Checkpoint.class), (r, e) -> LOG.warnf(
                        "ignoring an unreadable checkpoint at %s-%d@%d: %s", r.topic(), r.partition(), r.offset(),
                        e.getMessage())).start()) {
            if (!table.awaitCaughtUp(Duration.ofSeconds(60))) {
                throw new IllegalStateException(TOPIC + " not read within 60 s");
            }
            Map<String, Checkpoint> latest = table.snapshot();
            // champions first: a window checkpointed under an earlier champion is not restored, and
            // the champion table's replay of old promotions is over before any window is restored
            if (!catalogs.awaitReady(Duration.ofSeconds(60))) {
                LOG.warnf("specs and champions not read within 60 s: restoring checkpoints against what is known");
            }
            latest.values().forEach(c -> {
                monitor.restore(c.model(), c.state(),
                        catalogs.champion(c.model()).map(io.driftloop.contracts.events.ModelPromoted::version).orElse(null));
                restored.put(c.model(), c);
            });
            LOG.infof("restored %d models from their checkpoints%s", latest.size(), latest.values().stream()
                    .filter(c -> c.state().window() != null)
                    .map(c -> "; " + c.model() + ": open window of " + c.state().window().size() + " events, saved "
                            + c.savedAt()).reduce("", String::concat));
        } catch (RuntimeException e) {
            LOG.errorf(e, "checkpoints on %s not read: windows start empty", TOPIC);
        } finally {
            loaded.countDown();
        }
    }

    static TopicPartition partitionOf(String key) {
        int dash = key.lastIndexOf('-');
        return new TopicPartition(key.substring(0, dash), Integer.parseInt(key.substring(dash + 1)));
    }
}
