package io.driftloop.scorer.messaging;

import io.driftloop.contracts.Topics;
import io.driftloop.kit.EventMessages;
import io.driftloop.scorer.domain.Prediction;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Channel inference -> ct.inference.v1 (key = model): one event per prediction, sent before the answer. */
@ApplicationScoped
public class InferencePublisher {

    static final String SERVICE = "scorer";

    private final MutinyEmitter<String> emitter;

    public InferencePublisher(@Channel("inference") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Blocks until the broker acknowledged the event; throws when it could not be written. */
    public void publish(Prediction prediction) {
        emitter.sendMessageAndAwait(EventMessages.event(SERVICE, Topics.INFERENCE, prediction.response().model(),
                prediction.eventId(), null, prediction.event(), prediction.event().timestamp()));
    }
}
