package io.driftloop.dataprep.messaging;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.Utf8;
import io.driftloop.contracts.events.FeedbackEvent;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.events.LabelledExample;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.SpecChecks;
import io.driftloop.dataprep.domain.Examples;
import io.driftloop.kit.EventMessages;
import io.driftloop.kit.Inbound;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.StreamJoined;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The join of inference and feedback into labelled examples, as a Kafka Streams topology whose
 * state lives in Kafka:
 *
 * <pre>
 * ct.inference.v1 ─ check against the spec ─ key (model, request id) ─ repartition ┐
 *                                                                                  outer join (ttl) ─ once per request ─ ct.examples.v1
 * ct.feedback.v1  ─ check against the spec ─ key (model, request id) ─ repartition ┘
 * </pre>
 *
 * <ul>
 *   <li>Each record is checked on arrival by {@link SpecChecks} through {@link Inbound}: an
 *       invalid one, or one of a model without a spec, is dead-lettered with the reason.</li>
 *   <li>The two sides are re-keyed by (model, request id) into repartition topics, so both sides of a
 *       request meet in the same task whichever partition they came from, and wait in window stores
 *       backed by changelog topics (RocksDB on disk, so memory stays bounded). A side waits at most
 *       {@code ttl} for the other; one never matched is dropped when its window closes and counted
 *       ({@code driftloop.join.expired}, by side).</li>
 *   <li>A pair is emitted once per request: a store of the requests already joined (kept for two
 *       ttls) drops a second pair that a redelivered inference or feedback would make.</li>
 *   <li>Run with {@code processing.guarantee=exactly_once_v2}: the examples, the stores' changelogs
 *       and the consumed offsets are committed in one transaction, so a crash anywhere re-does the
 *       work of the last commit interval and nothing else. Readers of {@code ct.examples.v1} read
 *       committed records only.</li>
 * </ul>
 * The example's record time is its inference's time.
 */
public final class JoinTopology {

    public static final String APPLICATION_ID = "data-prep-join";
    /** Internal topic and store names, fixed so they can be declared in infra/topics/topics.json. */
    static final String INFERENCE_BY_REQUEST = "inference-by-request";
    static final String FEEDBACK_BY_REQUEST = "feedback-by-request";
    static final String PAIRS = "pairs";
    static final String JOINED = "joined";

    private static final String SERVICE = "data-prep";

    private JoinTopology() {
    }

    /**
     * @param specs     the spec of a model, or throws {@link io.driftloop.contracts.InvalidEventException}
     * @param time      where a record's time is read from: the wall clock in production, so a side
     *                  waits {@code ttl} from its arrival whatever its producer wrote
     */
    public static Topology build(Inbound inbound, Function<String, ModelSpec> specs, Duration ttl,
                                 TimestampExtractor time, MeterRegistry meters) {
        Serde<String> text = Serdes.String();
        Serde<InferenceEvent> inferenceSerde = json(InferenceEvent.class);
        Serde<FeedbackEvent> feedbackSerde = json(FeedbackEvent.class);
        Counter expiredInferences = meters.counter("driftloop.join.expired", "side", "inference");
        Counter expiredFeedbacks = meters.counter("driftloop.join.expired", "side", "feedback");
        Counter redelivered = meters.counter("driftloop.join.redelivered");
        Duration remembered = ttl.multipliedBy(2);

        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(JOINED, remembered, remembered, false), text, Serdes.Long()));

        KStream<String, InferenceEvent> inferences = builder
                .stream(Topics.INFERENCE, Consumed.with(text, Serdes.ByteArray()).withTimestampExtractor(time).withName("inference"))
                .process(() -> new Check<>(inbound, json -> {
                    InferenceEvent e = Json.decode(json, InferenceEvent.class).validate();
                    return SpecChecks.inference(e, specs.apply(e.model()));
                }, e -> key(e.model(), e.requestId())), Named.as("check-inference"))
                .repartition(Repartitioned.with(text, inferenceSerde).withName(INFERENCE_BY_REQUEST));
        KStream<String, FeedbackEvent> feedbacks = builder
                .stream(Topics.FEEDBACK, Consumed.with(text, Serdes.ByteArray()).withTimestampExtractor(time).withName("feedback"))
                .process(() -> new Check<>(inbound, json -> {
                    FeedbackEvent f = Json.decode(json, FeedbackEvent.class).validate();
                    return SpecChecks.feedback(f, specs.apply(f.model()));
                }, f -> key(f.model(), f.requestId())), Named.as("check-feedback"))
                .repartition(Repartitioned.with(text, feedbackSerde).withName(FEEDBACK_BY_REQUEST));

        inferences
                .outerJoin(feedbacks, Pair::new, JoinWindows.ofTimeDifferenceWithNoGrace(ttl),
                        StreamJoined.with(text, inferenceSerde, feedbackSerde).withName(PAIRS).withStoreName(PAIRS))
                .process(() -> new Once(remembered, expiredInferences, expiredFeedbacks, redelivered),
                        Named.as("once-per-request"), JOINED)
                .to(Topics.EXAMPLES, Produced.with(text, text).withName("examples"));
        return builder.build();
    }

    /** The join key of a request: its model and request id. */
    static String key(String model, String requestId) {
        return model + "/" + requestId;
    }

    /** Both sides of a request, or one of them when its window closed without the other. */
    record Pair(InferenceEvent inference, FeedbackEvent feedback) {
    }

    /**
     * Decodes and checks each record through {@link Inbound} (a bad one is dead-lettered with the
     * reason) and forwards the valid event keyed by its request.
     */
    static final class Check<T> implements Processor<String, byte[], String, T> {

        private final Inbound inbound;
        private final Function<String, T> decoder;
        private final Function<T, String> key;
        private ProcessorContext<String, T> context;

        Check(Inbound inbound, Function<String, T> decoder, Function<T, String> key) {
            this.inbound = inbound;
            this.decoder = decoder;
            this.key = key;
        }

        @Override
        public void init(ProcessorContext<String, T> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, byte[]> record) {
            var where = context.recordMetadata().orElseThrow();
            ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>(where.topic(), where.partition(),
                    where.offset(), record.timestamp(), TimestampType.CREATE_TIME, ConsumerRecord.NULL_SIZE,
                    ConsumerRecord.NULL_SIZE, record.key(), record.value(), new RecordHeaders(record.headers().toArray()),
                    java.util.Optional.empty());
            // strict UTF-8: broken bytes are refused, not turned into U+FFFD (the dead letter shows them so)
            inbound.handle(consumed, JoinTopology::text, bytes -> decoder.apply(Utf8.strict(bytes)),
                    event -> context.forward(new Record<>(key.apply(event), event, record.timestamp())));
        }
    }

    /**
     * Turns a joined pair into the request's one example: a request already joined (a redelivered
     * side met the other again) is dropped, and a side whose window closed alone is counted as expired.
     */
    static final class Once implements Processor<String, Pair, String, String> {

        private final Duration remembered;
        private final Counter expiredInferences;
        private final Counter expiredFeedbacks;
        private final Counter redelivered;
        private ProcessorContext<String, String> context;
        private WindowStore<String, Long> joined;

        Once(Duration remembered, Counter expiredInferences, Counter expiredFeedbacks, Counter redelivered) {
            this.remembered = remembered;
            this.expiredInferences = expiredInferences;
            this.expiredFeedbacks = expiredFeedbacks;
            this.redelivered = redelivered;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            this.joined = context.getStateStore(JOINED);
        }

        @Override
        public void process(Record<String, Pair> record) {
            Pair pair = record.value();
            if (pair.feedback() == null) {
                expiredInferences.increment();
                return;
            }
            if (pair.inference() == null) {
                expiredFeedbacks.increment();
                return;
            }
            long now = record.timestamp();
            try (WindowStoreIterator<Long> seen = joined.fetch(record.key(), Instant.ofEpochMilli(now).minus(remembered),
                    Instant.ofEpochMilli(now).plus(remembered))) {
                if (seen.hasNext()) {
                    redelivered.increment();
                    return;
                }
            }
            joined.put(record.key(), now, now);
            LabelledExample example = Examples.of(pair.inference(), pair.feedback());
            context.forward(new Record<>(example.model(), Json.encode(example), example.timestamp().toEpochMilli(),
                    EventMessages.headers(SERVICE, Topics.EXAMPLES, example.model(), record.key(), null)));
        }
    }

    /** The record as {@code StringDeserializer} would give it, for its dead letter. */
    private static ConsumerRecord<String, String> text(ConsumerRecord<String, byte[]> r) {
        return new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.timestamp(), r.timestampType(),
                r.serializedKeySize(), r.serializedValueSize(), r.key(),
                r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8), r.headers(), r.leaderEpoch());
    }

    static <T> Serde<T> json(Class<T> type) {
        Serializer<T> serializer = (topic, value) -> value == null ? null
                : Json.encode(value).getBytes(StandardCharsets.UTF_8);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null
                : Json.decode(new String(bytes, StandardCharsets.UTF_8), type);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
