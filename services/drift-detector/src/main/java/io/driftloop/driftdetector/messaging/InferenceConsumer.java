package io.driftloop.driftdetector.messaging;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.driftdetector.config.DriftDetectorConfig;
import io.driftloop.driftdetector.domain.Decision;
import io.driftloop.driftdetector.domain.DriftMonitor;
import io.driftloop.kit.Catalogs;
import io.driftloop.kit.Inbound;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * ct.inference.v1 (channel inference, group drift-detector) → {@link DriftMonitor} → drift
 * statistics, drift retraining requests (alarms while one is in flight are only logged and counted)
 * and, for a spec with {@code drift.maxModelAge}, scheduled requests for an old champion. An event
 * of a model without a spec is invalid (dead-lettered). A new champion resets the model's window.
 * Positions are committed by {@link Checkpoints}, after the windows they cover are saved.
 */
@ApplicationScoped
public class InferenceConsumer {

    private static final Logger LOG = Logger.getLogger(InferenceConsumer.class);

    private final Inbound inbound;
    private final Catalogs catalogs;
    private final DriftMonitor monitor;
    private final ReferenceProfiles profiles;
    private final RequestHistory history;
    private final DriftPublisher publisher;
    private final DriftDetectorConfig config;
    private final Checkpoints checkpoints;

    public InferenceConsumer(Inbound inbound, Catalogs catalogs, DriftMonitor monitor, ReferenceProfiles profiles,
                             RequestHistory history, DriftPublisher publisher, DriftDetectorConfig config,
                             Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
        this.inbound = inbound;
        this.catalogs = catalogs;
        this.monitor = monitor;
        this.profiles = profiles;
        this.history = history;
        this.publisher = publisher;
        this.config = config;
    }

    void watchChampions(@Observes StartupEvent ignored) {
        catalogs.champions().onChange((model, champion) -> {
            LOG.infof("champion of %s is now %s: its window restarts against the new reference profile", model,
                    champion == null ? "none" : "v" + champion.version());
            monitor.onChampion(model, champion);
        });
    }

    /** One poll's records, in order; each is handled alone (an invalid one is dead-lettered, the rest go on). */
    @Incoming("inference")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        checkpoints.awaitLoaded(config.catchUpTimeout());
        for (ConsumerRecord<String, String> record : records) {
            consume(record);
        }
    }

    void consume(ConsumerRecord<String, String> record) {
        String partition = record.topic() + "-" + record.partition();
        String origin = partition + "@" + record.offset();
        boolean counted = checkpoints.handle(record.key(), partition, record.offset(),
                () -> inbound.handle(record, json -> Json.decode(json, InferenceEvent.class).validate(),
                        e -> observe(e, origin)));
        if (!counted) {
            LOG.debugf("%s already counted in the checkpoint of %s", origin, record.key());
        }
    }

    void observe(InferenceEvent event, String origin) {
        ModelSpec spec = catalogs.requireSpec(event.model());
        checkpoints.touched(event.model());
        if (!history.awaitCaughtUp(config.catchUpTimeout())) {
            LOG.warnf("request history not read within %s: deciding without it", config.catchUpTimeout());
        }
        DriftMonitor.Outcome outcome = monitor.onInference(event, origin, spec, catalogs.champion(event.model()), profiles);
        switch (outcome.status()) {
            case COUNTED, DUPLICATE, EVALUATED -> { }
            default -> {
                LOG.infof("window of %s full at %s, not evaluated: %s", event.model(), origin, outcome.status());
                publisher.discarded(event.model(), outcome.status().name().toLowerCase(Locale.ROOT));
            }
        }
        outcome.stats().ifPresent(stats -> {
            publisher.stats(stats);
            LOG.infof("window %s of %s (%d events, %s .. %s): share drifted %.2f, drifted=%s", stats.eventId(),
                    stats.model(), stats.sampleSize(), stats.windowStart(), stats.windowEnd(), stats.shareDrifted(),
                    stats.drifted());
        });
        outcome.decision().ifPresent(decision -> {
            LOG.infof("%s: %s", decision.model(), decision.explanation());
            if (decision.folded()) {
                publisher.folded(decision.model());
            }
            decision.request().ifPresent(publisher::request);
        });
        if (spec.drift().maxModelAge() != null) {
            Decision scheduled = monitor.onSchedule(event.model(), spec, catalogs.champion(event.model()));
            scheduled.request().ifPresent(request -> {
                LOG.infof("%s: %s", scheduled.model(), scheduled.explanation());
                publisher.request(request);
            });
        }
    }
}
