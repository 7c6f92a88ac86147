package io.driftloop.trainer.messaging;

import io.driftloop.kit.KafkaClients;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.kit.CompactedTable;
import io.driftloop.kit.SeenIds;
import io.driftloop.trainer.config.TrainerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The candidate ids already announced on ct.model.trained.v1, read from the topic's beginning on
 * every start (group-less) and followed, plus those this process has just published: a dataset
 * trained before a restart, or by another member of the group, is not trained again.
 */
@ApplicationScoped
public class TrainedCandidates {

    private static final Logger LOG = Logger.getLogger(TrainedCandidates.class);

    private final SeenIds ids;
    private final TrainerConfig config;
    private final CompactedTable<ModelTrained> log;
    private volatile boolean caughtUp;

    public TrainedCandidates(KafkaClients kafka,
                             TrainerConfig config) {
        this.ids = new SeenIds(config.candidatesRemembered());
        this.config = config;
        // the log is keyed by model: only the change listener sees every candidate
        this.log = new CompactedTable<>(kafka.consumer(), Topics.MODEL_TRAINED,
                json -> Json.decode(json, ModelTrained.class).validate(),
                (record, e) -> LOG.warnf("ignoring an invalid record %s-%d@%d: %s", record.topic(),
                        record.partition(), record.offset(), e.getMessage()));
        this.log.onChange((model, trained) -> {
            if (trained != null) {
                ids.firstTime(trained.candidateId());
            }
        });
    }

    void start(@Observes StartupEvent ignored) {
        log.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        log.close();
    }

    /** Whether {@code candidateId} was trained already; waits once for the topic to be read. */
    public boolean contains(String candidateId) {
        if (!caughtUp) {
            caughtUp = log.awaitCaughtUp(config.catchUpTimeout());
            if (!caughtUp) {
                LOG.warnf("%s not read within %s: deciding on what was read so far", Topics.MODEL_TRAINED,
                        config.catchUpTimeout());
            }
        }
        return ids.contains(candidateId);
    }

    /** Records a candidate this process has just published. */
    public void add(String candidateId) {
        ids.firstTime(candidateId);
    }
}
