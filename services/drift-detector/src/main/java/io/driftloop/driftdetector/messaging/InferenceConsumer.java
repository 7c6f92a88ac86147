package io.driftloop.driftdetector.messaging;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Utf8;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.spec.SpecChecks;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.driftdetector.config.DriftDetectorConfig;
import io.driftloop.driftdetector.domain.Decision;
import io.driftloop.driftdetector.domain.DriftMonitor;
import io.driftloop.driftdetector.domain.Observation;
import io.driftloop.kit.Catalogs;
import io.driftloop.kit.Inbound;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
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
    /** Reads the values the polling thread left as bytes; used by the one thread that handles the polls in turn. */
    private final InferenceDecoder decoder;
    private volatile boolean historyRead;

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
        this.decoder = new InferenceDecoder(model -> catalogs.spec(model).orElse(null));
    }

    void watchChampions(@Observes StartupEvent ignored) {
        catalogs.champions().onChange((model, champion) -> {
            LOG.infof("champion of %s is now %s: its window restarts against the new reference profile", model,
                    champion == null ? "none" : "v" + champion.version());
            monitor.onChampion(model, champion);
        });
    }

    /**
     * One poll's records, in order; each is handled alone (an invalid one is dead-lettered, the rest
     * go on). What every record would wait for — the checkpoints restored, the catalogs and the
     * request history read — is awaited once per poll, and the poll is handled under one
     * checkpoint lock ({@link Checkpoints#handle(ConsumerRecords, Checkpoints.RecordHandler)}).
     */
    @Incoming("inference")
    @Blocking
    public void consume(ConsumerRecords<String, InferenceValue> records) {
        checkpoints.awaitLoaded(config.catchUpTimeout());
        catalogs.awaitReady(Catalogs.READY_WAIT);
        if (!historyRead) {
            historyRead = history.awaitCaughtUp(config.catchUpTimeout());
            if (!historyRead) {
                LOG.warnf("request history not read within %s: deciding without it", config.catchUpTimeout());
            }
        }
        checkpoints.handle(records, this::consume);
    }

    /**
     * One record, read at {@code offset} of {@code partition} ({@code topic-partition}), through
     * {@link Inbound}: a value of the plain shape, already read by the polling thread
     * ({@link InferenceDeserializer}), is observed at once; any other value — the invalid ones among
     * them — is decoded as the contract decodes the {@code String} record ({@code Json.decode} +
     * {@code validate}) and dead-lettered with the same reason. A failed observation is
     * dead-lettered at once when invalid, else retried and then dead-lettered, as every service does.
     */
    private void consume(ConsumerRecord<String, InferenceValue> record, String partition) {
        inbound.handle(record, InferenceConsumer::text, value -> read(value, record.key()),
                r -> observe(r, partition, record.offset()));
    }

    /** An event as read: its observation, and the attributes (with a value) and prediction it carries. */
    record Read(Observation observation, Map<String, String> attributes, Integer prediction) {
    }

    /** The polling thread's reading of a plain value, else the contract's decoding of its (strict UTF-8) text. */
    private Read read(InferenceValue value, String key) {
        if (value != null && value.plain() != null) {
            return new Read(value.plain(), value.attributes(), value.prediction());
        }
        String json = value == null ? null : Utf8.strict(value.bytes());
        Observation o = decoder.decode(json, key);
        InferenceEvent e = Json.decode(json, InferenceEvent.class);
        return new Read(o, e.attributes(), e.prediction());
    }

    /** The record as {@code StringDeserializer} gives it, for {@link Inbound} and its dead letters. */
    static ConsumerRecord<String, String> text(ConsumerRecord<String, InferenceValue> r) {
        byte[] value = r.value() == null ? null : r.value().bytes();
        return new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.timestamp(), r.timestampType(),
                r.serializedKeySize(), r.serializedValueSize(), r.key(),
                value == null ? null : new String(value, StandardCharsets.UTF_8), r.headers(), r.leaderEpoch());
    }

    /**
     * Observes an event that fits its model's spec by {@link SpecChecks}' rules (the rules data-prep
     * applies to the same record); one that does not is refused with the reason.
     */
    void observe(Read read, String partition, long offset) {
        Observation event = read.observation();
        ModelSpec spec = catalogs.requireSpec(event.model());
        event.requireFits(spec);
        SpecChecks.attributes(spec, read.attributes());
        SpecChecks.prediction(spec, read.prediction());
        checkpoints.touched(event.model());
        DriftMonitor.Outcome outcome = monitor.onInference(event, partition, offset, spec,
                catalogs.champion(event.model()), profiles);
        switch (outcome.status()) {
            case COUNTED, DUPLICATE, EVALUATED -> { }
            default -> {
                LOG.infof("window of %s full at %s@%d, not evaluated: %s", event.model(), partition, offset,
                        outcome.status());
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
