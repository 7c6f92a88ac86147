package io.driftloop.driftdetector.messaging;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.driftdetector.domain.Decision;
import io.driftloop.driftdetector.domain.DriftMonitor;
import io.driftloop.kit.Catalogs;
import io.driftloop.kit.TopicFollower;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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

    private final DriftMonitor monitor;
    private final Catalogs catalogs;
    private final DriftPublisher publisher;
    private final Map<String, Long> examples = new ConcurrentHashMap<>();
    private final TopicFollower follower;
    private boolean announced;

    public RequestHistory(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                          DriftMonitor monitor, Catalogs catalogs, DriftPublisher publisher, MeterRegistry meters) {
        this.monitor = monitor;
        this.catalogs = catalogs;
        this.publisher = publisher;
        meters.gaugeMapSize("driftloop.examples.models", List.of(), examples);
        this.follower = new TopicFollower(bootstrapServers, "request-history", TOPICS, this::onPoll);
    }

    void start(@Observes StartupEvent ignored) {
        follower.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        follower.close();
    }

    /** Waits until the history on the topics at start has been read; false when {@code timeout} passed first. */
    public boolean awaitCaughtUp(Duration timeout) {
        return follower.awaitCaughtUp(timeout);
    }

    /** Labelled examples of {@code model} read so far. */
    public long examples(String model) {
        return examples.getOrDefault(model, 0L);
    }

    private void onPoll(ConsumerRecords<String, String> records) {
        records.forEach(this::read);
        if (!follower.caughtUp()) {
            return;
        }
        if (!announced) {
            announced = true;
            LOG.infof("request history read: labelled examples of %d models", examples.size());
        }
        if (catalogs.awaitReady(Duration.ZERO)) {
            bootstraps();
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
