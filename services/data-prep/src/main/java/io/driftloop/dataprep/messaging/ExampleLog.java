package io.driftloop.dataprep.messaging;

import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.OffsetRange;
import io.driftloop.dataprep.domain.ExampleIndex;
import io.driftloop.follow.TopicFollower;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Follows ct.examples.v1 from its beginning (group-less, rebuilt on every start) into the
 * {@link ExampleIndex}: model = record key, time = record timestamp. Waiters are woken on every batch.
 */
@ApplicationScoped
public class ExampleLog {

    private final ExampleIndex index = new ExampleIndex(Topics.EXAMPLES);
    private final TopicFollower follower;

    public ExampleLog(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.follower = new TopicFollower(bootstrapServers, "example-log", List.of(Topics.EXAMPLES), this::add);
    }

    void start(@Observes StartupEvent ignored) {
        follower.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        follower.close();
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

    private void add(ConsumerRecords<String, String> records) {
        if (records.isEmpty()) {
            return;
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
}
