package io.driftloop.registry.messaging;

import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.kit.Catalogs;
import io.driftloop.kit.Inbound;
import io.driftloop.registry.config.RegistryConfig;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * ct.model.trained.v1 (channel {@code trained-models}) and ct.model.evaluated.v1 (channel
 * {@code evaluations}) → {@link RegistryState#decide}. An evaluation waits for its candidate's
 * trained event to be applied; one of a model without a spec, or whose candidate is not recorded
 * within the configured wait, is dead-lettered.
 */
@ApplicationScoped
public class ModelEventsConsumer {

    private final Inbound inbound;
    private final RegistryState state;
    private final Catalogs catalogs;
    private final RegistryConfig config;

    public ModelEventsConsumer(Inbound inbound, RegistryState state, Catalogs catalogs, RegistryConfig config) {
        this.inbound = inbound;
        this.state = state;
        this.catalogs = catalogs;
        this.config = config;
    }

    @Incoming("trained-models")
    @Blocking
    public void trained(ConsumerRecord<String, String> record) {
        inbound.handle(record, json -> Json.decode(json, ModelTrained.class).validate(),
                trained -> state.decide(trained.model(), registry -> registry.onTrained(trained)));
    }

    @Incoming("evaluations")
    @Blocking
    public void evaluated(ConsumerRecord<String, String> record) {
        inbound.handle(record, json -> Json.decode(json, ModelEvaluated.class).validate(), this::evaluated);
    }

    void evaluated(ModelEvaluated evaluation) {
        ModelSpec spec = catalogs.requireSpec(evaluation.model());
        state.awaitRebuilt();
        // the offset is committed when this returns: hold it until the candidate is recorded
        if (!state.node().awaitCandidate(evaluation.model(), evaluation.candidateId(), config.pendingEvaluationWait())) {
            throw new InvalidEventException("candidate " + evaluation.candidateId() + " of '" + evaluation.model()
                    + "' was not on ct.model.trained.v1 within " + config.pendingEvaluationWait()
                    + ": replay this evaluation once its trained event is published");
        }
        state.decide(evaluation.model(), registry -> registry.onEvaluated(evaluation, spec));
    }
}
