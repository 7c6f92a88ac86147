package io.driftloop.dataprep.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.EventHeaders;
import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.FeedbackEvent;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.events.LabelledExample;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.infra.kafka.TopicDefinitions;
import io.driftloop.kit.Inbound;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.FailOnInvalidTimestamp;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The join topology, run by Kafka Streams' test driver on record time. */
class JoinTopologyTest {

    static final ModelSpec SPEC = ModelSpecs.parse("""
            name: credit
            task: binary-classification
            label: y
            features: [{name: age, type: numeric}]
            attributes: [{name: gender, sensitive: true}]
            """);
    static final Map<String, ModelSpec> SPECS = Map.of("credit", SPEC, "other", SPEC);
    static final Duration TTL = Duration.ofMinutes(10);
    static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<String> deadLetters = new ArrayList<>();
    TopologyTestDriver driver;
    TestInputTopic<String, String> inference;
    TestInputTopic<String, String> feedback;
    TestInputTopic<String, byte[]> rawInference;
    TestOutputTopic<String, String> examples;

    static Topology topology(Inbound inbound, SimpleMeterRegistry meters) {
        return JoinTopology.build(inbound, model -> {
            ModelSpec spec = SPECS.get(model);
            if (spec == null) {
                throw new InvalidEventException("no spec is registered for model '" + model + "'");
            }
            return spec;
        }, TTL, new FailOnInvalidTimestamp(), meters);
    }

    @BeforeEach
    void start() {
        Inbound inbound = new Inbound((record, reason) -> deadLetters.add(record.topic() + ": " + reason), meters,
                millis -> { });
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, JoinTopology.APPLICATION_ID);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/driftloop-test/join-topology");
        driver = new TopologyTestDriver(topology(inbound, meters), props);
        inference = driver.createInputTopic(Topics.INFERENCE, new StringSerializer(), new StringSerializer());
        feedback = driver.createInputTopic(Topics.FEEDBACK, new StringSerializer(), new StringSerializer());
        rawInference = driver.createInputTopic(Topics.INFERENCE, new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
        examples = driver.createOutputTopic(Topics.EXAMPLES, new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    void infer(String model, String id, Instant at) {
        inference.pipeInput(new TestRecord<>(model, Json.encode(new InferenceEvent(model, id, at, 2,
                Map.of("age", 41, "debug", "x"), Map.of("gender", "f"), 1, 0.8)), at));
    }

    void label(String model, String id, int label, Instant at) {
        feedback.pipeInput(new TestRecord<>(model, Json.encode(new FeedbackEvent(model, id, label, at)), at));
    }

    List<LabelledExample> emitted() {
        return examples.readValuesToList().stream().map(v -> Json.decode(v, LabelledExample.class)).toList();
    }

    double counter(String name, String... tags) {
        var c = meters.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void anInferenceAndItsLaterFeedbackMakeOneExampleKeyedByModelAtTheInferenceTime() {
        infer("credit", "r1", T0);
        assertThat(examples.isEmpty()).isTrue();
        label("credit", "r1", 1, T0.plusSeconds(30));

        TestRecord<String, String> record = examples.readRecord();
        assertThat(record.key()).isEqualTo("credit");
        assertThat(record.timestamp()).isEqualTo(T0.toEpochMilli());
        assertThat(new String(record.headers().lastHeader(EventHeaders.CE_ID).value(), StandardCharsets.UTF_8))
                .isEqualTo("credit/r1");
        assertThat(new String(record.headers().lastHeader(EventHeaders.CE_TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo("io.driftloop.examples.v1");
        LabelledExample x = Json.decode(record.value(), LabelledExample.class);
        assertThat(x.requestId()).isEqualTo("r1");
        assertThat(x.label()).isEqualTo(1);
        assertThat(x.timestamp()).isEqualTo(T0);
        assertThat(x.features()).containsOnlyKeys("age");
        assertThat(x.modelVersion()).isEqualTo(2);
        assertThat(x.prediction()).isEqualTo(1);
        assertThat(x.score()).isEqualTo(0.8);
        assertThat(examples.isEmpty()).isTrue();
    }

    @Test
    void feedbackArrivingFirstWaitsForItsInference() {
        label("credit", "r1", 0, T0);
        assertThat(examples.isEmpty()).isTrue();
        infer("credit", "r1", T0.plusSeconds(5));

        assertThat(emitted()).singleElement().satisfies(x -> assertThat(x.label()).isZero());
    }

    @Test
    void theSameInferenceAndFeedbackDeliveredTwiceGiveOneExample() {
        infer("credit", "r1", T0);
        infer("credit", "r1", T0.plusSeconds(1));
        label("credit", "r1", 1, T0.plusSeconds(2));
        label("credit", "r1", 1, T0.plusSeconds(3));
        infer("credit", "r1", T0.plusSeconds(4));

        assertThat(emitted()).hasSize(1);
        assertThat(counter("driftloop.join.redelivered")).isPositive();
    }

    @Test
    void aRedeliveryLongAfterTheJoinIsStillRecognised() {
        infer("credit", "r1", T0);
        label("credit", "r1", 1, T0.plusSeconds(1));
        // both sides again, later than the ttl but within the two ttls the joined requests are kept
        infer("credit", "r1", T0.plus(TTL).plusSeconds(60));
        label("credit", "r1", 1, T0.plus(TTL).plusSeconds(61));

        assertThat(emitted()).hasSize(1);
    }

    @Test
    void theSameRequestIdOfAnotherModelIsAnotherExample() {
        infer("credit", "r1", T0);
        infer("other", "r1", T0);
        label("other", "r1", 1, T0.plusSeconds(1));
        label("credit", "r1", 0, T0.plusSeconds(2));

        assertThat(emitted()).extracting(LabelledExample::model).containsExactly("other", "credit");
    }

    @Test
    void aSideThatWaitedLongerThanTheTtlExpiresAndIsCounted() {
        infer("credit", "old", T0);
        label("credit", "lonely", 1, T0);
        // stream time moves past the ttl: both windows close
        infer("credit", "new", T0.plus(TTL).plusSeconds(1));
        label("credit", "old", 1, T0.plus(TTL).plusSeconds(2));

        assertThat(emitted()).isEmpty();
        assertThat(counter("driftloop.join.expired", "side", "inference")).isEqualTo(1);
        assertThat(counter("driftloop.join.expired", "side", "feedback")).isEqualTo(1);
    }

    @Test
    void anInvalidRecordIsDeadLetteredWithItsReasonAndJoinsNothing() {
        infer("credit", "r1", T0);
        label("credit", "r1", 7, T0.plusSeconds(1));
        inference.pipeInput(new TestRecord<>("credit", "{not json", T0));
        inference.pipeInput(new TestRecord<>("ghost", Json.encode(new InferenceEvent("ghost", "r9", T0, null,
                Map.of("age", 1), Map.of("gender", "f"), null, null)), T0));
        Map<String, Object> tooBig = new HashMap<>();
        tooBig.put("age", 1e13);
        inference.pipeInput(new TestRecord<>("credit", Json.encode(new InferenceEvent("credit", "r2", T0, null,
                tooBig, Map.of("gender", "f"), null, null)), T0));

        byte[] broken = Json.encode(new InferenceEvent("credit", "r3", T0, null, Map.of("age", 1),
                Map.of("gender", "fé"), null, null)).getBytes(StandardCharsets.UTF_8);
        int e = 0;
        while (broken[e] != (byte) 0xC3) {
            e++;
        }
        broken[e + 1] = (byte) 0x28; // é is C3 A9: its second byte made invalid
        rawInference.pipeInput(new TestRecord<>("credit", broken, T0));

        assertThat(emitted()).isEmpty();
        assertThat(deadLetters).hasSize(5);
        assertThat(deadLetters.get(4)).startsWith(Topics.INFERENCE + ": the value is not valid UTF-8");
        assertThat(deadLetters.get(0)).startsWith(Topics.FEEDBACK + ": field 'label' must be 0 or 1");
        assertThat(deadLetters.get(1)).startsWith(Topics.INFERENCE + ": not a valid InferenceEvent");
        assertThat(deadLetters.get(2)).contains("no spec is registered for model 'ghost'");
        assertThat(deadLetters.get(3)).contains("field 'features.age' must be a finite number");
    }

    @Test
    void everyInternalTopicIsDeclaredWithTheInputsPartitionCount() {
        Topology topology = topology(new Inbound((r, reason) -> { }, meters, millis -> { }), meters);
        Set<String> internal = new TreeSet<>();
        for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    source.topicSet().stream().filter(t -> t.endsWith("-repartition"))
                            .forEach(t -> internal.add(JoinTopology.APPLICATION_ID + "-" + t));
                }
                if (node instanceof TopologyDescription.Processor processor) {
                    processor.stores().forEach(s -> internal.add(JoinTopology.APPLICATION_ID + "-" + s + "-changelog"));
                }
            }
        }
        Map<String, Integer> declared = TopicDefinitions.load().stream()
                .collect(Collectors.toMap(TopicDefinitions.Topic::name, TopicDefinitions.Topic::partitions));

        assertThat(internal).hasSizeGreaterThanOrEqualTo(5);
        assertThat(declared).containsKeys(internal.toArray(String[]::new));
        internal.forEach(t -> assertThat(declared.get(t)).as(t).isEqualTo(declared.get(Topics.INFERENCE)));
    }
}
