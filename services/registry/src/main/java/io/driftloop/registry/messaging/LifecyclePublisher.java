package io.driftloop.registry.messaging;

import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.ModelLifecycleChanged;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.kit.EventMessages;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes what the registry decides, each send awaiting the broker's acknowledgement: lifecycle
 * events (channel {@code lifecycle} → ct.model.lifecycle.v1), promotions ({@code promotions} →
 * ct.model.promoted.v1) and registered specs ({@code specs} → ct.model.specs.v1). Key = model.
 */
@ApplicationScoped
public class LifecyclePublisher implements RegistryNode.Outbox {

    static final String SERVICE = "registry";

    private final MutinyEmitter<String> lifecycle;
    private final MutinyEmitter<String> promotions;
    private final MutinyEmitter<String> specs;

    public LifecyclePublisher(@Channel("lifecycle") MutinyEmitter<String> lifecycle,
                              @Channel("promotions") MutinyEmitter<String> promotions,
                              @Channel("specs") MutinyEmitter<String> specs) {
        this.lifecycle = lifecycle;
        this.promotions = promotions;
        this.specs = specs;
    }

    @Override
    public void lifecycle(ModelLifecycleChanged event) {
        lifecycle.sendMessageAndAwait(EventMessages.event(SERVICE, Topics.MODEL_LIFECYCLE, event.model(),
                event.eventId(), event.causationId(), event, event.at()));
    }

    /** The promotion of a champion; its cause is the lifecycle event that made it champion. */
    @Override
    public void promoted(ModelPromoted promoted, String eventId, String causationId) {
        promotions.sendMessageAndAwait(EventMessages.event(SERVICE, Topics.MODEL_PROMOTED, promoted.model(), eventId,
                causationId, promoted, promoted.promotedAt()));
    }

    /** A registered spec, with defaults filled in; its id is its content hash. */
    public void spec(ModelSpec spec) {
        String hash = ModelSpecs.hash(spec);
        specs.sendMessageAndAwait(EventMessages.event(SERVICE, Topics.MODEL_SPECS, spec.name(),
                UUID.nameUUIDFromBytes((spec.name() + "/" + hash).getBytes(StandardCharsets.UTF_8)).toString(),
                null, spec));
    }
}
