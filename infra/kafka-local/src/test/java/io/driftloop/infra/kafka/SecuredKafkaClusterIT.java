package io.driftloop.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The secured embedded broker: who gets in, and who may write what (the ACLs of {@link TopicAcls}). */
class SecuredKafkaClusterIT {

    static KafkaCluster cluster;

    @BeforeAll
    static void start() {
        cluster = KafkaCluster.startSecured();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aClientWithoutCredentialsGetsNothing() {
        Map<String, Object> anonymous = new HashMap<>(Map.of("bootstrap.servers", cluster.bootstrapServers(),
                "default.api.timeout.ms", 5000, "request.timeout.ms", 4000));
        try (Admin admin = Admin.create(anonymous)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> settings = cluster.client("scorer");
        settings.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"scorer\" password=\"guessed\";");
        settings.put("default.api.timeout.ms", 10_000);
        settings.put("request.timeout.ms", 9_000);
        try (Admin admin = Admin.create(settings)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(15, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void onlyTheRegistryWritesPromotions() throws Exception {
        for (String other : List.of("scorer", "trainer", "evaluator", TopicAcls.APP)) {
            assertThatThrownBy(() -> send(other, "ct.model.promoted.v1", "forged by " + other))
                    .as(other).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        long offset = send("registry", "ct.model.promoted.v1", "from the registry");
        assertThat(read("scorer", "ct.model.promoted.v1", offset).value()).isEqualTo("from the registry");
    }

    @Test
    void theApplicationWritesItsInputsAndReadsNothing() throws Exception {
        long offset = send(TopicAcls.APP, "ct.feedback.v1", "a label");
        assertThat(read("data-prep", "ct.feedback.v1", offset).value()).isEqualTo("a label");
        assertThatThrownBy(() -> send(TopicAcls.APP, "ct.examples.v1", "a forged example"))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> read(TopicAcls.APP, "ct.feedback.v1", offset))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void everyServiceMayDeadLetterWhatItReads() throws Exception {
        for (String service : TopicAcls.services(TopicDefinitions.load())) {
            long offset = send(service, "ct.model.specs.v1.dlq", "dead letter from " + service);
            assertThat(read(service, "ct.model.specs.v1.dlq", offset).value()).isEqualTo("dead letter from " + service);
        }
    }

    /** Sends one record as {@code principal}; returns its offset. */
    private static long send(String principal, String topic, String value) throws Exception {
        Map<String, Object> settings = cluster.client(principal);
        settings.put("acks", "all");
        settings.put("enable.idempotence", true);
        settings.put("max.block.ms", 15_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, 0, "m", value)).get(30, TimeUnit.SECONDS).offset();
        }
    }

    /** Reads the record at {@code offset} of partition 0 as {@code principal}, group-less. */
    private static ConsumerRecord<String, String> read(String principal, String topic, long offset) {
        Map<String, Object> settings = cluster.client(principal);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    return r;
                }
            }
            throw new AssertionError("nothing read from " + topic + " at " + offset);
        }
    }
}
