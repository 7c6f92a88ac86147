package io.driftloop.dataprep.messaging;

import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.OffsetRange;
import io.driftloop.dataprep.domain.ExampleIndex;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Follows ct.examples.v1 from its beginning (group-less, rebuilt on every start) into the
 * {@link ExampleIndex}: model = record key, time = record timestamp. Waiters are woken on every batch.
 */
@ApplicationScoped
public class ExampleLog {

    private static final Logger LOG = Logger.getLogger(ExampleLog.class);

    private final ExampleIndex index = new ExampleIndex(Topics.EXAMPLES);
    private final String bootstrapServers;
    private volatile boolean running = true;
    private KafkaConsumer<String, String> consumer;
    private Thread thread;

    public ExampleLog(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent ignored) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new StringDeserializer());
        thread = new Thread(this::follow, "example-log");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    /** Waits until {@link ExampleIndex#select} yields ranges, or {@code timeout} passes. */
    public Optional<List<OffsetRange>> awaitSelection(String model, Instant since, int min, int max, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (index) {
            while (true) {
                Optional<List<OffsetRange>> ranges = index.select(model, since, min, max);
                long left = deadline - System.nanoTime();
                if (ranges.isPresent() || left <= 0) {
                    return ranges;
                }
                index.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    public int count(String model, Instant since) {
        synchronized (index) {
            return index.count(model, since);
        }
    }

    private void follow() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EXAMPLES, Duration.ofSeconds(60)).stream()
                    .map(p -> new TopicPartition(Topics.EXAMPLES, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                synchronized (index) {
                    for (ConsumerRecord<String, String> r : records) {
                        if (r.key() != null) {
                            index.add(r.key(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()));
                        }
                    }
                    index.notifyAll();
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.error("following ct.examples.v1 stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
