package io.driftloop.kit;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The latest value per key of a compacted topic, read from its beginning by a group-less consumer
 * on a thread of its own and kept up to date: a process rebuilds it from Kafka on every start and
 * keeps nothing of its own. A tombstone removes the key; an undecodable value is handed to
 * {@code onInvalid} and skipped. Reads are thread-safe.
 */
public final class CompactedTable<V> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CompactedTable.class);

    private final String topic;
    private final Function<String, V> decoder;
    private final BiConsumer<ConsumerRecord<String, String>, RuntimeException> onInvalid;
    private final KafkaConsumer<String, String> consumer;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, V>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    public CompactedTable(String bootstrapServers, String topic, Function<String, V> decoder,
                          BiConsumer<ConsumerRecord<String, String>, RuntimeException> onInvalid) {
        this.topic = topic;
        this.decoder = decoder;
        this.onInvalid = onInvalid;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "table-" + topic + "-" + Long.toHexString(System.nanoTime())),
                new StringDeserializer(), new StringDeserializer());
        this.thread = new Thread(this::run, "table-" + topic);
        this.thread.setDaemon(true);
    }

    public CompactedTable<V> start() {
        thread.start();
        return this;
    }

    /** Called with (key, value) on every change, value null on removal; on the table's thread. */
    public void onChange(BiConsumer<String, V> listener) {
        listeners.add(listener);
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public Map<String, V> snapshot() {
        return Map.copyOf(values);
    }

    /** Waits until everything on the topic when the table started has been read. */
    public boolean awaitCaughtUp(Duration timeout) {
        try {
            return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && end.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "table of %s stopped", topic);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            onInvalid.accept(record, new IllegalArgumentException("record without a key on compacted " + topic));
            return;
        }
        V value = null;
        if (record.value() != null) {
            try {
                value = decoder.apply(record.value());
            } catch (RuntimeException e) {
                onInvalid.accept(record, e);
                return;
            }
            values.put(record.key(), value);
        } else {
            values.remove(record.key());
        }
        for (BiConsumer<String, V> l : listeners) {
            try {
                l.accept(record.key(), value);
            } catch (RuntimeException e) {
                LOG.errorf(e, "listener of %s failed on key %s", topic, record.key());
            }
        }
    }
}
