package io.driftloop.console.messaging;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.kit.CompactedTable;
import io.driftloop.kit.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Each model's champion and spec, read from ct.model.promoted.v1 and ct.model.specs.v1 (compacted,
 * key = model) from their beginning and followed, group-less. An invalid record is logged and
 * passed over: the console writes nothing, not even a dead letter.
 */
@ApplicationScoped
public class Champions {

    private static final Logger LOG = Logger.getLogger(Champions.class);

    private final CompactedTable<ModelPromoted> table;
    private final CompactedTable<ModelSpec> specs;

    public Champions(KafkaClients kafka) {
        BiConsumer<ConsumerRecord<String, String>, RuntimeException> invalid = (record, e) -> LOG.warnf(
                "passing over an invalid record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                e.getMessage());
        this.table = new CompactedTable<>(kafka.consumer(), Topics.MODEL_PROMOTED,
                json -> Json.decode(json, ModelPromoted.class).validate(), invalid);
        this.specs = new CompactedTable<>(kafka.consumer(), Topics.MODEL_SPECS, ModelSpecs::parse, invalid);
    }

    void start(@Observes StartupEvent ignored) {
        table.start();
        specs.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        table.close();
        specs.close();
    }

    /** The model's spec, when one is registered. */
    public Optional<ModelSpec> spec(String model) {
        return specs.get(model);
    }

    /** Every model's champion, by model name. */
    public List<ModelPromoted> all() {
        return table.snapshot().values().stream().sorted(Comparator.comparing(ModelPromoted::model)).toList();
    }
}
