package io.driftloop.driftdetector.messaging;

import io.driftloop.kit.KafkaClients;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.LabelledExample;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.spec.DriftSpec;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.driftdetector.domain.Decision;
import io.driftloop.driftdetector.domain.DriftMonitor;
import io.driftloop.follow.TopicFollower;
import io.driftloop.kit.Catalogs;
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
import org.jboss.logging.Logger;

/**
 * Follows ct.examples.v1, ct.retrain.requested.v1, ct.dataset.ready.v1 and ct.model.evaluated.v1 from their beginning
 * (group-less, rebuilt on every start): labelled examples are counted per model (record key) and
 * those the champion predicted feed its concept-drift detector (a replay on start rebuilds the
 * detectors, so they need no checkpoint; alarms are decided only for examples written since the
 * start, never for the history replayed), every
 * valid request is shown to the {@link DriftMonitor} so cooldowns and requests in flight survive a
 * restart and cover requests made by others, every dataset's size is noted for the request it
 * answers, and every valid verdict releases the requests it answers (one that did not pass arms the
 * next attempt). Once the topics are read up to where they ended at start, and the spec and champion
 * tables too, each poll (at least every half second) asks the monitor whether a model without a
 * champion gets its bootstrap training, whether an armed attempt has the examples it waits for, and
 * whether a champion is old enough for a scheduled one, and publishes the requests. Records invalid here are left to the services that consume them (and
 * dead-letter them).
 */
@ApplicationScoped
public class RequestHistory {

    private static final Logger LOG = Logger.getLogger(RequestHistory.class);
    private static final List<String> TOPICS = List.of(Topics.EXAMPLES, Topics.RETRAIN_REQUESTED, Topics.DATASET_READY,
            Topics.MODEL_EVALUATED);

    private final DriftMonitor monitor;
    private final Catalogs catalogs;
    private final DriftPublisher publisher;
    private final ReferenceProfiles profiles;
    private final Map<String, Long> examples = new ConcurrentHashMap<>();
    private final TopicFollower follower;
    private boolean announced;
    private boolean catalogsReady;

    public RequestHistory(KafkaClients kafka,
                          DriftMonitor monitor, Catalogs catalogs, DriftPublisher publisher, MeterRegistry meters,
                          ReferenceProfiles profiles) {
        this.profiles = profiles;
        this.monitor = monitor;
        this.catalogs = catalogs;
        this.publisher = publisher;
        meters.gaugeMapSize("driftloop.examples.models", List.of(), examples);
        this.follower = new TopicFollower(kafka.consumer(), "request-history", TOPICS, this::onPoll);
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
        // requests and verdicts first, so an example of the same poll is judged knowing them
        records.forEach(r -> {
            if (!Topics.EXAMPLES.equals(r.topic())) {
                read(r);
            }
        });
        records.records(Topics.EXAMPLES).forEach(this::read);
        if (!follower.caughtUp()) {
            return;
        }
        if (!announced) {
            announced = true;
            LOG.infof("request history read: labelled examples of %d models", examples.size());
        }
        if (catalogs.awaitReady(Duration.ZERO)) {
            bootstrapsAndAttempts();
            schedules();
        }
    }

    private void read(ConsumerRecord<String, String> r) {
        if (r.key() == null || r.value() == null) {
            return;
        }
        if (Topics.EXAMPLES.equals(r.topic())) {
            examples.merge(r.key(), 1L, Long::sum);
            judge(r);
            return;
        }
        try {
            if (Topics.MODEL_EVALUATED.equals(r.topic())) {
                evaluated(Json.decode(r.value(), ModelEvaluated.class).validate());
            } else if (Topics.DATASET_READY.equals(r.topic())) {
                monitor.onDataset(Json.decode(r.value(), DatasetReady.class).validate(), examples(r.key()));
            } else {
                monitor.onRequestObserved(Json.decode(r.value(), RetrainRequested.class).validate());
            }
        } catch (RuntimeException e) {
            LOG.debugf("ignoring an invalid record at %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    /**
     * A verdict answers the model's open request; one that did not pass arms the next attempt, or
     * ends the series: then the give-up is logged and counted, once the history is read.
     */
    private void evaluated(ModelEvaluated verdict) {
        if (!catalogsReady) {
            catalogsReady = catalogs.awaitReady(Catalogs.READY_WAIT);
        }
        DriftSpec drift = catalogs.spec(verdict.model()).map(ModelSpec::drift).orElse(DriftSpec.DEFAULTS);
        monitor.onEvaluated(verdict, drift, examples(verdict.model())).ifPresent(giveUp -> {
            if (follower.historyInHand()) {
                LOG.warnf("%s: %s", giveUp.model(), giveUp.explanation());
                publisher.gaveUp(giveUp);
            }
        });
    }

    /**
     * Gives a labelled example's error to the concept-drift detector of its model's champion; once
     * the history is read, an alarm is decided on and a request published. While the history is
     * replayed on start the detectors only learn: what they alarmed on before was decided then.
     */
    private void judge(ConsumerRecord<String, String> r) {
        if (!catalogsReady) {
            catalogsReady = catalogs.awaitReady(Catalogs.READY_WAIT);
        }
        Optional<ModelSpec> spec = catalogs.spec(r.key());
        if (spec.isEmpty()) {
            return;
        }
        LabelledExample e;
        try {
            e = Json.decode(r.value(), LabelledExample.class).validate();
        } catch (RuntimeException invalid) {
            LOG.debugf("not judging an invalid example at %s-%d@%d: %s", r.topic(), r.partition(), r.offset(),
                    invalid.getMessage());
            return;
        }
        // decided only once every request and verdict that was on the topics at start is known (they
        // are read before the examples of the same poll), and never for an example of the history
        boolean live = follower.historyInHand() && !follower.fromHistory(r);
        DriftMonitor.LabelledOutcome outcome = monitor.onLabelled(e, r.topic() + "-" + r.partition() + "@" + r.offset(),
                spec.get(), catalogs.champion(r.key()), profiles, live);
        if (live) {
            outcome.labelStats().ifPresent(stats -> {
                LOG.infof("label window %s of %s (%d examples): %s", stats.eventId(), stats.model(),
                        stats.sampleSize(), stats.drifted() ? "the labels drifted from the training labels" : "no prior shift");
                publisher.stats(stats);
            });
        }
        outcome.decision().ifPresent(decision -> {
            LOG.infof("%s: %s", decision.model(), decision.explanation());
            if (decision.folded()) {
                publisher.folded(decision.model());
            }
            publish(decision);
        });
    }

    /**
     * Per model with labelled examples: does a model without a champion get its bootstrap training, and
     * does an armed attempt (after a verdict that did not pass) have the examples it waits for?
     */
    private void bootstrapsAndAttempts() {
        examples.forEach((model, count) -> catalogs.spec(model).ifPresent(spec -> {
            publish(monitor.onExamples(model, spec, catalogs.champion(model).isPresent(), count));
            publish(monitor.onRetry(model, spec, count));
        }));
    }

    /** Champions older than their spec's {@code drift.maxModelAge} get a scheduled retraining. */
    private void schedules() {
        catalogs.champions().snapshot().forEach((model, champion) -> catalogs.spec(model)
                .filter(spec -> spec.drift().maxModelAge() != null)
                .ifPresent(spec -> publish(monitor.onSchedule(model, spec, Optional.of(champion)))));
    }

    private void publish(Decision decision) {
        decision.request().ifPresent(request -> {
            LOG.infof("retrain request %s for %s: %s", request.eventId(), decision.model(), decision.explanation());
            try {
                publisher.request(request);
            } catch (RuntimeException e) {
                // keep following; the policy counts the request as made, so it is repeated once released
                LOG.errorf(e, "%s request %s for %s not published; it is repeated once the cooldown and the "
                        + "in-flight timeout have passed", request.trigger(), request.eventId(), decision.model());
            }
        });
    }
}
