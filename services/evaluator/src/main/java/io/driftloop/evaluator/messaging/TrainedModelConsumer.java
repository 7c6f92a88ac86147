package io.driftloop.evaluator.messaging;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.GateResult;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.evaluator.config.EvaluatorConfig;
import io.driftloop.evaluator.domain.Evaluator;
import io.driftloop.kit.Catalogs;
import io.driftloop.kit.EventMessages;
import io.driftloop.kit.Inbound;
import io.driftloop.kit.SeenIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * ct.model.trained.v1 (channel trained-models) → spec and champion from the catalogs →
 * {@link Evaluator} → ct.model.evaluated.v1 (channel evaluations). One candidate at a time; a
 * candidate id already evaluated is skipped; a candidate of a model without a registered spec gets a
 * failed verdict saying so ({@link Evaluator#withoutSpec}).
 */
@ApplicationScoped
public class TrainedModelConsumer {

    private static final Logger LOG = Logger.getLogger(TrainedModelConsumer.class);
    static final String SERVICE = "evaluator";

    private final Inbound inbound;
    private final Catalogs catalogs;
    private final Evaluator evaluator;
    private final MeterRegistry meters;
    private final MutinyEmitter<String> evaluations;
    private final SeenIds evaluated;

    public TrainedModelConsumer(Inbound inbound, Catalogs catalogs, Evaluator evaluator, MeterRegistry meters,
                                EvaluatorConfig config, @Channel("evaluations") MutinyEmitter<String> evaluations) {
        this.inbound = inbound;
        this.catalogs = catalogs;
        this.evaluator = evaluator;
        this.meters = meters;
        this.evaluations = evaluations;
        this.evaluated = new SeenIds(config.evaluatedRemembered());
    }

    @Incoming("trained-models")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbound.handle(record, json -> Json.decode(json, ModelTrained.class).validate(), this::evaluate);
    }

    void evaluate(ModelTrained trained) {
        if (evaluated.contains(trained.candidateId())) {
            LOG.infof("candidate %s (event %s) already evaluated, ignoring the replay", trained.candidateId(),
                    trained.eventId());
            return;
        }
        catalogs.requireReady();
        Optional<ModelSpec> spec = catalogs.spec(trained.model());
        Optional<ModelPromoted> champion = catalogs.champion(trained.model());
        Timer.Sample timing = Timer.start(meters);
        ModelEvaluated verdict = spec.isPresent() ? evaluator.evaluate(trained, spec.get(), champion)
                : evaluator.withoutSpec(trained, champion);
        timing.stop(meters.timer("driftloop.evaluator.evaluation.duration"));
        evaluations.sendMessageAndAwait(EventMessages.event(SERVICE, Topics.MODEL_EVALUATED, verdict.model(),
                verdict.eventId(), verdict.causationId(), verdict));
        evaluated.firstTime(trained.candidateId());
        meters.counter("driftloop.evaluator.verdicts", "verdict", verdict.passed() ? "passed" : "failed").increment();
        for (GateResult gate : verdict.gates()) {
            if (!gate.passed()) {
                meters.counter("driftloop.evaluator.gate.failures", "gate", gate.gate()).increment();
            }
        }
        LOG.infof("candidate %s of %s (event %s, caused by %s): %s; metrics %s; report %s", verdict.candidateId(),
                verdict.model(), verdict.eventId(), verdict.causationId(), verdict.summary(), verdict.metrics(),
                verdict.reportHtml() == null ? "none" : verdict.reportHtml().uri());
    }
}
