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

    /** How long {@link #requireReady} and {@link #requireSpec} wait for the tables to read their topics. */
    public static final Duration READY_WAIT = Duration.ofSeconds(30);

    /** How long an event of a model without a spec waits for one registered a moment ago. */
    static final Duration SPEC_GRACE = Duration.ofSeconds(5);
    /** After a model's spec was awaited in vain, its events are judged at once for this long. */
    static final Duration MISSING_FOR = Duration.ofMinutes(1);

    private final java.util.Map<String, Long> missing = new java.util.concurrent.ConcurrentHashMap<>();
    private final CompactedTable<ModelSpec> specs;
    private final CompactedTable<ModelPromoted> champions;

    public Catalogs(KafkaClients kafka, DeadLetters deadLetters) {
        BiConsumer<ConsumerRecord<String, String>, RuntimeException> invalid = (record, e) -> {
            LOG.warnf("invalid record on %s: %s", record.topic(), e.getMessage());
            deadLetters.send(record, e.getMessage());
        };
        this.specs = new CompactedTable<>(kafka.consumer(), Topics.MODEL_SPECS, ModelSpecs::parse, invalid).start();
        this.champions = new CompactedTable<>(kafka.consumer(), Topics.MODEL_PROMOTED,
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
     * Waits up to {@link #READY_WAIT} for both tables to hold what was on their topics at start.
     *
     * @throws IllegalStateException when they have not by then: the event being handled is retried,
     *                               not judged against tables that may be missing its model
     */
    public void requireReady() {
        if (!awaitReady(READY_WAIT)) {
            throw new IllegalStateException("the spec and champion tables have not read " + Topics.MODEL_SPECS + " and "
                    + Topics.MODEL_PROMOTED + " to their end within " + READY_WAIT + "; the event is retried");
        }
    }

    /**
     * The spec of {@code model}; when the table does not hold one yet, once the tables have caught up
     * ({@link #requireReady}). An event for a model with no registered spec is invalid.
     */
    public ModelSpec requireSpec(String model) {
        Optional<ModelSpec> spec = spec(model);
        if (spec.isEmpty()) {
            requireReady();
            spec = spec(model);
        }
        if (spec.isEmpty() && awaitsSpec(model)) {
            // a spec registered a moment ago may still be on its way to this table
            try {
                spec = specs.await(model, SPEC_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the spec of " + model, e);
            }
            if (spec.isEmpty()) {
                missing.put(model, System.nanoTime());
            }
        }
        return spec.orElseThrow(() -> new io.driftloop.contracts.InvalidEventException(
                "no spec is registered for model '" + model + "': PUT it to the registry first"));
    }

    /** Whether to wait for {@code model}'s spec: not when it was found missing within the last {@link #MISSING_FOR}. */
    private boolean awaitsSpec(String model) {
        Long since = missing.get(model);
        if (since != null && System.nanoTime() - since < MISSING_FOR.toNanos()) {
            return false;
        }
        if (missing.size() > 10_000) {
            missing.clear();
        }
        return true;
    }

    @PreDestroy
    void stop() {
        specs.close();
        champions.close();
    }
}
