package io.driftloop.dataprep.messaging;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.FeedbackEvent;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.events.LabelledExample;
import io.driftloop.dataprep.config.DataPrepConfig;
import io.driftloop.dataprep.domain.ExampleJoiner;
import io.driftloop.kit.EventMessages;
import io.driftloop.kit.Inbound;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** ct.inference.v1 + ct.feedback.v1 → {@link ExampleJoiner} → ct.examples.v1 (record time = inference time). */
@ApplicationScoped
public class JoinConsumer {

    private final ExampleJoiner joiner;
    private final Inbound inbound;
    private final MutinyEmitter<String> examples;

    public JoinConsumer(DataPrepConfig config, Inbound inbound, @Channel("examples") MutinyEmitter<String> examples,
                        MeterRegistry meters) {
        this.joiner = new ExampleJoiner(config.joinTtl(), config.joinedRemembered(), Clock.systemUTC());
        this.inbound = inbound;
        this.examples = examples;
        meters.gauge("driftloop.join.waiting", joiner, ExampleJoiner::waiting);
        meters.more().counter("driftloop.join.expired", java.util.List.of(), joiner, ExampleJoiner::expiredTotal);
    }

    @Incoming("inference")
    @Blocking
    public void inference(ConsumerRecord<String, String> record) {
        inbound.handle(record, json -> Json.decode(json, InferenceEvent.class).validate(),
                e -> emit(() -> joiner.onInference(e)));
    }

    @Incoming("feedback")
    @Blocking
    public void feedback(ConsumerRecord<String, String> record) {
        inbound.handle(record, json -> Json.decode(json, FeedbackEvent.class).validate(),
                f -> emit(() -> joiner.onFeedback(f)));
    }

    private void emit(Supplier<Optional<LabelledExample>> join) {
        Optional<LabelledExample> example;
        synchronized (joiner) {
            joiner.expire();
            example = join.get();
        }
        example.ifPresent(x -> examples.sendMessageAndAwait(EventMessages.event("data-prep", Topics.EXAMPLES,
                x.model(), x.model() + "/" + x.requestId(), null, x, x.timestamp())));
    }
}
