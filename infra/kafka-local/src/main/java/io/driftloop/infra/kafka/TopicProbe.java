package io.driftloop.infra.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A test's hands on the broker: send plain records, and read a topic from its beginning until the
 * records seen satisfy a condition (the consumer's own signal, no sleeping). Each read uses a fresh
 * group-less consumer, so reads do not disturb each other or the services under test.
 */
public final class TopicProbe implements AutoCloseable {

    private final Map<String, ?> connection;
    private final KafkaProducer<String, String> producer;
    private final List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A probe of a plaintext cluster. */
    public TopicProbe(String bootstrapServers) {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** @param connection the client settings to connect with ({@link KafkaCluster#admin()}, say) */
    public TopicProbe(Map<String, ?> connection) {
        this.connection = connection;
        this.producer = new KafkaProducer<>(KafkaSettings.with(connection,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer());
    }

    /** Sends and waits for the broker's acknowledgement. */
    public void send(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    public void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send to " + record.topic(), e);
        }
    }

    /** Sends without waiting; call {@link #flush()} before relying on delivery. */
    public void sendAsync(String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
            if (error != null) {
                failures.add(error);
            }
        });
    }

    /** Waits until every record sent so far is acknowledged; fails naming the first error if any send failed. */
    public void flush() {
        producer.flush();
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " records were not delivered", failures.get(0));
        }
    }

    /**
     * Every record of {@code topic} from its beginning, read until {@code done} holds for the records
     * read so far; fails with what was seen when {@code timeout} passes first.
     */
    public List<ConsumerRecord<String, String>> readUntil(String topic, Predicate<List<ConsumerRecord<String, String>>> done,
                                                          Duration timeout) {
        return fromBeginning(topic, (consumer, partitions, seen) -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(seen)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("after " + timeout.toSeconds() + " s, " + topic + " held " + seen.size()
                            + " records, not what was awaited; last: "
                            + (seen.isEmpty() ? "none" : seen.get(seen.size() - 1).value()));
                }
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
        });
    }

    /** Every record of {@code topic}, from its beginning up to its end when called. */
    public List<ConsumerRecord<String, String>> readAll(String topic) {
        return fromBeginning(topic, (consumer, partitions, seen) -> {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(topic + " not read to its end within 60 s; read " + seen.size());
                }
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
        });
    }

    private interface Reading {
        void read(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions,
                  List<ConsumerRecord<String, String>> seen);
    }

    /** Runs {@code reading} with a group-less consumer placed at the beginning of every partition of {@code topic}. */
    private List<ConsumerRecord<String, String>> fromBeginning(String topic, Reading reading) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(KafkaSettings.with(connection,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            reading.read(consumer, partitions, seen);
        }
        return seen;
    }

    /** Reads {@code topic} until a record matches, and returns it. */
    public ConsumerRecord<String, String> await(String topic, Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        List<ConsumerRecord<String, String>> seen = readUntil(topic, rs -> rs.stream().anyMatch(match), timeout);
        return seen.stream().filter(match).findFirst().orElseThrow();
    }

    /** The value of header {@code name}, if present. */
    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? Optional.empty() : Optional.of(new String(h.value(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
