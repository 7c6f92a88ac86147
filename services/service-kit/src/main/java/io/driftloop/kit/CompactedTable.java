package io.driftloop.kit;

import io.driftloop.follow.TopicFollower;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The latest value per key of a compacted topic, read from its beginning by a {@link TopicFollower}
 * and kept up to date: a process rebuilds it from Kafka on every start and
 * keeps nothing of its own. A tombstone removes the key; an undecodable value is handed to
 * {@code onInvalid} and skipped. Reads are thread-safe.
 */
public final class CompactedTable<V> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CompactedTable.class);

    private final String topic;
    private final Function<String, V> decoder;
    private final BiConsumer<ConsumerRecord<String, String>, RuntimeException> onInvalid;
    private final TopicFollower follower;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, V>> listeners = new CopyOnWriteArrayList<>();

    /** @param consumer the consumer's settings ({@link KafkaClients#consumer()}) */
    public CompactedTable(Map<String, ?> consumer, String topic, Function<String, V> decoder,
                          BiConsumer<ConsumerRecord<String, String>, RuntimeException> onInvalid) {
        this.topic = topic;
        this.decoder = decoder;
        this.onInvalid = onInvalid;
        this.follower = new TopicFollower(consumer, "table-" + topic, List.of(topic),
                records -> records.forEach(this::apply));
    }

    public CompactedTable<V> start() {
        follower.start();
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

    /** The value of {@code key}, waiting up to {@code timeout} for one to be read; empty when none came. */
    public Optional<V> await(String key, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (values) {
            while (true) {
                V v = values.get(key);
                long left = deadline - System.nanoTime();
                if (v != null || left <= 0) {
                    return Optional.ofNullable(v);
                }
                values.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Waits until everything on the topic when the table started has been read. */
    public boolean awaitCaughtUp(Duration timeout) {
        return follower.awaitCaughtUp(timeout);
    }

    @Override
    public void close() {
        follower.close();
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
        synchronized (values) {
            values.notifyAll();
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
