package io.driftloop.driftdetector.messaging;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.driftdetector.domain.Decision;
import io.driftloop.driftdetector.domain.DriftMonitor;
import io.driftloop.kit.Catalogs;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Follows ct.examples.v1 and ct.retrain.requested.v1 from their beginning (group-less, rebuilt on
 * every start): labelled examples are counted per model (record key), and every valid request is
 * shown to the {@link DriftMonitor} so cooldowns survive a restart and cover requests made by
 * others. Once both topics are read up to where they ended at start, and the spec and champion
 * tables too, each poll (at least every half second) asks the monitor whether a model without a
 * champion gets its bootstrap training, and publishes the request. Records invalid here are left
 * to the services that consume them (and dead-letter them).
 */
@ApplicationScoped
public class RequestHistory {

    private static final Logger LOG = Logger.getLogger(RequestHistory.class);
    private static final List<String> TOPICS = List.of(Topics.EXAMPLES, Topics.RETRAIN_REQUESTED);

    private final String bootstrapServers;
    private final DriftMonitor monitor;
    private final Catalogs catalogs;
    private final DriftPublisher publisher;
    private final Map<String, Long> examples = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running = true;
    private KafkaConsumer<String, String> consumer;

    public RequestHistory(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                          DriftMonitor monitor, Catalogs catalogs, DriftPublisher publisher, MeterRegistry meters) {
        this.bootstrapServers = bootstrapServers;
        this.monitor = monitor;
        this.catalogs = catalogs;
        this.publisher = publisher;
        meters.gaugeMapSize("driftloop.examples.models", List.of(), examples);
    }

    void start(@Observes StartupEvent ignored) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new StringDeserializer());
        Thread thread = new Thread(this::follow, "request-history");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    /** Waits until the history on the topics at start has been read; false when {@code timeout} passed first. */
    public boolean awaitCaughtUp(Duration timeout) {
        try {
            return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Labelled examples of {@code model} read so far. */
    public long examples(String model) {
        return examples.getOrDefault(model, 0L);
    }

    private void follow() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                consumer.partitionsFor(topic, Duration.ofSeconds(60))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    read(r);
                }
                if (caughtUp.getCount() > 0 && end.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                    LOG.infof("request history read: labelled examples of %d models", examples.size());
                }
                if (caughtUp.getCount() == 0 && catalogs.awaitReady(Duration.ZERO)) {
                    bootstraps();
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.error("following ct.examples.v1 and ct.retrain.requested.v1 stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void read(ConsumerRecord<String, String> r) {
        if (r.key() == null || r.value() == null) {
            return;
        }
        if (Topics.EXAMPLES.equals(r.topic())) {
            examples.merge(r.key(), 1L, Long::sum);
            return;
        }
        try {
            monitor.onRequestObserved(Json.decode(r.value(), RetrainRequested.class).validate());
        } catch (RuntimeException e) {
            LOG.debugf("ignoring an invalid request at %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    private void bootstraps() {
        examples.forEach((model, count) -> {
            Optional<ModelSpec> spec = catalogs.spec(model);
            if (spec.isEmpty()) {
                return;
            }
            Decision decision = monitor.onExamples(model, spec.get(), catalogs.champion(model).isPresent(), count);
            decision.request().ifPresent(request -> {
                LOG.infof("retrain request %s for %s: %s", request.eventId(), model, decision.explanation());
                try {
                    publisher.request(request);
                } catch (RuntimeException e) {
                    // keep following; the policy counts the request as made, so it is repeated after the cooldown
                    LOG.errorf(e, "bootstrap request %s for %s not published; it is repeated after the cooldown",
                            request.eventId(), model);
                }
            });
        });
    }
}
