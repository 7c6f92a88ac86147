package io.driftloop.console.messaging;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.kit.CompactedTable;
import io.driftloop.kit.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Each model's champion, read from ct.model.promoted.v1 (compacted, key = model) from its
 * beginning and followed, group-less. An invalid record is logged and passed over: the console
 * writes nothing, not even a dead letter.
 */
@ApplicationScoped
public class Champions {

    private static final Logger LOG = Logger.getLogger(Champions.class);

    private final CompactedTable<ModelPromoted> table;

    public Champions(KafkaClients kafka) {
        this.table = new CompactedTable<>(kafka.consumer(), Topics.MODEL_PROMOTED,
                json -> Json.decode(json, ModelPromoted.class).validate(),
                (record, e) -> LOG.warnf("passing over an invalid record %s-%d@%d: %s", record.topic(),
                        record.partition(), record.offset(), e.getMessage()));
    }

    void start(@Observes StartupEvent ignored) {
        table.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        table.close();
    }

    /** Every model's champion, by model name. */
    public List<ModelPromoted> all() {
        return table.snapshot().values().stream().sorted(Comparator.comparing(ModelPromoted::model)).toList();
    }
}
