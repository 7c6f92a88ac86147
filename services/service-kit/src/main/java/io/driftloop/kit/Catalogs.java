package io.driftloop.kit;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.quarkus.arc.Unremovable;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every model's spec ({@code ct.model.specs.v1}) and current champion ({@code
 * ct.model.promoted.v1}), read from the compacted topics on start and followed. An invalid record
 * on either topic is dead-lettered. Started on first use; {@link #awaitReady} blocks until both
 * tables hold what was on the topics at start.
 */
@ApplicationScoped
@Unremovable
public class Catalogs {

    private static final Logger LOG = Logger.getLogger(Catalogs.class);

    private final CompactedTable<ModelSpec> specs;
    private final CompactedTable<ModelPromoted> champions;

    public Catalogs(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, DeadLetters deadLetters) {
        BiConsumer<ConsumerRecord<String, String>, RuntimeException> invalid = (record, e) -> {
            LOG.warnf("invalid record on %s: %s", record.topic(), e.getMessage());
            deadLetters.send(record, e.getMessage());
        };
        this.specs = new CompactedTable<>(bootstrapServers, Topics.MODEL_SPECS, ModelSpecs::parse, invalid).start();
        this.champions = new CompactedTable<>(bootstrapServers, Topics.MODEL_PROMOTED,
                json -> Json.decode(json, ModelPromoted.class).validate(), invalid).start();
    }

    public Optional<ModelSpec> spec(String model) {
        return specs.get(model);
    }

    public Optional<ModelPromoted> champion(String model) {
        return champions.get(model);
    }

    public CompactedTable<ModelSpec> specs() {
        return specs;
    }

    public CompactedTable<ModelPromoted> champions() {
        return champions;
    }

    public boolean awaitReady(Duration timeout) {
        return specs.awaitCaughtUp(timeout) && champions.awaitCaughtUp(timeout);
    }

    /**
     * The spec of {@code model}, waiting briefly for the tables to catch up; an event for a model
     * with no registered spec is invalid.
     */
    public ModelSpec requireSpec(String model) {
        awaitReady(Duration.ofSeconds(30));
        return spec(model).orElseThrow(() -> new io.driftloop.contracts.InvalidEventException(
                "no spec is registered for model '" + model + "': PUT it to the registry first"));
    }

    @PreDestroy
    void stop() {
        specs.close();
        champions.close();
    }
}
