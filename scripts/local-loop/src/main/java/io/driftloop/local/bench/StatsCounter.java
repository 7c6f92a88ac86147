package io.driftloop.local.bench;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.events.DriftStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code ct.drift.stats.v1} from its beginning (no group) in a background thread and checks
 * every record is a full evaluation of the benchmark model: {@code sampleSize} equal to the window,
 * every feature tested, against champion v1. Counts windows and drifted windows and keeps the
 * record timestamps (the service's send time) of the first and the last window. Thread-safe.
 */
public final class StatsCounter implements AutoCloseable {

    private final String model;
    private final int windowSize;
    private final int features;
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private final List<String> problems = new ArrayList<>();
    private long windows;
    private long drifted;
    private long firstMs = Long.MAX_VALUE;
    private long lastMs = Long.MIN_VALUE;
    /** Record timestamps of the full evaluations, in the order read. */
    private final List<Long> timestamps = new ArrayList<>();
    private volatile boolean running = true;

    public StatsCounter(String bootstrapServers, String topic, String model, int windowSize, int features) {
        this.model = model;
        this.windowSize = windowSize;
        this.features = features;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-stats-" + UUID.randomUUID().toString().substring(0, 8)),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::run, "stats-counter");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    read(r);
                }
            }
        } catch (WakeupException stopping) {
            // closed
        } finally {
            consumer.close();
        }
    }

    private synchronized void read(ConsumerRecord<String, String> r) {
        DriftStats s;
        try {
            s = Json.decode(r.value(), DriftStats.class);
        } catch (RuntimeException e) {
            problems.add("unreadable record at offset " + r.offset() + ": " + e.getMessage());
            return;
        }
        if (!model.equals(s.model())) {
            return;
        }
        if (s.sampleSize() != windowSize || s.features().size() != features || !Integer.valueOf(1).equals(s.championVersion())) {
            problems.add(String.format("window %s: %d events, %d features tested, champion v%s (expected %d, %d, v1)",
                    s.eventId(), s.sampleSize(), s.features().size(), s.championVersion(), windowSize, features));
            return;
        }
        windows++;
        if (s.drifted()) {
            drifted++;
        }
        firstMs = Math.min(firstMs, r.timestamp());
        lastMs = Math.max(lastMs, r.timestamp());
        timestamps.add(r.timestamp());
    }

    /** Record timestamp of the {@code i}-th full evaluation read (from 0), epoch ms. */
    public synchronized long msAt(int i) {
        return timestamps.get(i);
    }

    public synchronized long windows() {
        return windows;
    }

    public synchronized long drifted() {
        return drifted;
    }

    /** Record timestamp of the first full evaluation seen, epoch ms; {@link Long#MAX_VALUE} while none. */
    public synchronized long firstMs() {
        return firstMs;
    }

    /** Record timestamp of the last full evaluation seen, epoch ms. */
    public synchronized long lastMs() {
        return lastMs;
    }

    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
