package io.driftloop.dataprep.messaging;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.FeedbackEvent;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.events.LabelledExample;
import io.driftloop.dataprep.config.DataPrepConfig;
import io.driftloop.dataprep.domain.ExampleJoiner;
import io.driftloop.dataprep.domain.ExampleValidator;
import io.driftloop.kit.Catalogs;
import io.driftloop.kit.EventMessages;
import io.driftloop.kit.Inbound;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * ct.inference.v1 + ct.feedback.v1 → checked against the model's spec ({@link ExampleValidator}; an
 * invalid record or one of a model without a spec is dead-lettered with the reason) →
 * {@link ExampleJoiner} → ct.examples.v1 (record time = inference time). Records arrive in batches; a batch's examples are sent together and the batch is
 * acknowledged (its offsets committed) only once the broker has acknowledged every example.
 */
@ApplicationScoped
public class JoinConsumer {

    private final ExampleJoiner joiner;
    private final Inbound inbound;
    private final Catalogs catalogs;
    private final MutinyEmitter<String> examples;

    public JoinConsumer(DataPrepConfig config, Inbound inbound, Catalogs catalogs, @Channel("examples") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                        MutinyEmitter<String> examples,
                        MeterRegistry meters) {
        this.joiner = new ExampleJoiner(config.joinTtl(), config.joinedRemembered(), Clock.systemUTC());
        this.inbound = inbound;
        this.catalogs = catalogs;
        this.examples = examples;
        meters.gauge("driftloop.join.waiting", joiner, ExampleJoiner::waiting);
        meters.more().counter("driftloop.join.expired", java.util.List.of(), joiner, ExampleJoiner::expiredTotal);
    }

    @Incoming("inference")
    @Blocking
    public void inference(ConsumerRecords<String, String> records) {
        List<LabelledExample> joined = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            inbound.handle(record, json -> {
                        InferenceEvent e = Json.decode(json, InferenceEvent.class).validate();
                        return ExampleValidator.inference(e, catalogs.requireSpec(e.model()));
                    },
                    e -> join(() -> joiner.onInference(e)).ifPresent(joined::add));
        }
        publish(joined);
    }

    @Incoming("feedback")
    @Blocking
    public void feedback(ConsumerRecords<String, String> records) {
        List<LabelledExample> joined = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            inbound.handle(record, json -> {
                        FeedbackEvent f = Json.decode(json, FeedbackEvent.class).validate();
                        return ExampleValidator.feedback(f, catalogs.requireSpec(f.model()));
                    },
                    f -> join(() -> joiner.onFeedback(f)).ifPresent(joined::add));
        }
        publish(joined);
    }

    private Optional<LabelledExample> join(Supplier<Optional<LabelledExample>> join) {
        synchronized (joiner) {
            joiner.expire();
            return join.get();
        }
    }

    private void publish(List<LabelledExample> joined) {
        CompletableFuture<?>[] acks = joined.stream()
                .map(x -> examples.sendMessage(EventMessages.event("data-prep", Topics.EXAMPLES, x.model(),
                        x.model() + "/" + x.requestId(), null, x, x.timestamp())).subscribeAsCompletionStage())
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(acks).join();
    }
}
