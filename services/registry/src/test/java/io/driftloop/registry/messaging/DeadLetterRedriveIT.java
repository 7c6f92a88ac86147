package io.driftloop.registry.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.driftloop.contracts.EventHeaders;
import io.driftloop.contracts.Topics;
import io.driftloop.infra.kafka.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * An operator's re-drive against the real broker: dead letters written as the services write them go
 * back to their source topic byte for byte, once per source record, by an operator only.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@Order(1)
class DeadLetterRedriveIT extends RegistryBrokerIT {

    static final String DLQ = Topics.deadLetter(Topics.INFERENCE);

    @Test
    void anOperatorSendsDeadLettersBackByteForByteOncePerSourceRecord() throws Exception {
        String key = "redrive-" + UUID.randomUUID().toString().substring(0, 8);
        // not UTF-8: the bytes must come back as they went
        byte[] value = {'{', '"', 'x', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        long first = deadLetter(key, value, "data-prep", Topics.INFERENCE, 4, 1234);
        long second = deadLetter(key, value, "drift-detector", Topics.INFERENCE, 4, 1234);
        long forged = deadLetter(key, value, "scorer", Topics.MODEL_PROMOTED, 0, 1);

        Users.operator().contentType("application/json")
                .body(body(DLQ, first, second, forged, 1_000_000_000L, first))
                .when().post("/api/dead-letters/redrive").then().statusCode(200)
                .body("target", equalTo(Topics.INFERENCE)).body("redriven", equalTo(1))
                .body("records.size()", equalTo(4))
                .body("records[0].redriven", equalTo(true)).body("records[0].sourceOffset", equalTo(1234))
                .body("records[1].skipped", containsString("same source record"))
                .body("records[2].skipped", containsString("not ct.inference.v1"))
                .body("records[3].skipped", containsString("no record"));

        List<ConsumerRecord<byte[], byte[]>> back = read(Topics.INFERENCE, key);
        assertThat(back).hasSize(1);
        ConsumerRecord<byte[], byte[]> r = back.get(0);
        assertThat(r.value()).isEqualTo(value);
        assertThat(header(r, EventHeaders.CE_ID)).isEqualTo("event-" + key);
        assertThat(header(r, EventHeaders.DL_REDRIVEN_FROM)).isEqualTo(DLQ + "/0/" + first);
        assertThat(r.headers().lastHeader(EventHeaders.DL_REASON)).isNull();
        assertThat(r.headers().lastHeader(EventHeaders.DL_SOURCE_TOPIC)).isNull();
    }

    @Test
    void onlyAnOperatorRedrivesAndNeverIntoTheRegistrysOwnTopics() {
        String body = body(DLQ, 0);
        given().contentType("application/json").body(body).when().post("/api/dead-letters/redrive").then().statusCode(401);
        Users.viewer().contentType("application/json").body(body).when().post("/api/dead-letters/redrive")
                .then().statusCode(403);
        problem(Users.operator().contentType("application/json").body(body(Topics.deadLetter(Topics.MODEL_PROMOTED), 0))
                .when().post("/api/dead-letters/redrive"), 400).body("detail", containsString("registry's own decisions"));
        problem(Users.operator().contentType("application/json").body(body(Topics.INFERENCE, 0))
                .when().post("/api/dead-letters/redrive"), 400).body("detail", containsString("not a dead-letter topic"));
        problem(Users.operator().contentType("application/json").body("{\"topic\": \"" + DLQ + "\"}")
                .when().post("/api/dead-letters/redrive"), 400).body("detail", containsString("at least one record"));
    }

    /** Writes a dead letter as the kit's DeadLetters does; returns its offset on partition 0. */
    private static long deadLetter(String key, byte[] value, String service, String source, int partition, long offset)
            throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.CE_ID, utf8("event-" + key));
        headers.add(EventHeaders.DL_REASON, utf8("invalid UTF-8"));
        headers.add(EventHeaders.DL_SOURCE_TOPIC, utf8(source));
        headers.add(EventHeaders.DL_SOURCE_PARTITION, utf8(Integer.toString(partition)));
        headers.add(EventHeaders.DL_SOURCE_OFFSET, utf8(Long.toString(offset)));
        headers.add(EventHeaders.DL_SERVICE, utf8(service));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                KafkaTestResource.bootstrapServers(), "acks", "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(DLQ, 0, utf8(key), value, headers)).get(30, TimeUnit.SECONDS).offset();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, String key) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                KafkaTestResource.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    private static String body(String topic, long... offsets) {
        StringBuilder records = new StringBuilder();
        for (long o : offsets) {
            records.append(records.isEmpty() ? "" : ", ").append("{\"partition\": 0, \"offset\": ").append(o).append('}');
        }
        return "{\"topic\": \"" + topic + "\", \"records\": [" + records + "]}";
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
