package io.driftloop.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaClusterIT {

    static KafkaCluster cluster;

    @BeforeAll
    static void start() {
        cluster = KafkaCluster.startForTests();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void everyDeclaredTopicExistsWithItsPartitionsAndCompaction() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<TopicDefinitions.Topic> declared = TopicDefinitions.load();
            assertThat(names).containsAll(declared.stream().map(TopicDefinitions.Topic::name).toList());
            assertThat(declared).extracting(TopicDefinitions.Topic::name)
                    .contains("ct.model.promoted.v1", "ct.model.specs.v1", "ct.inference.v1.dlq");

            var promoted = new ConfigResource(ConfigResource.Type.TOPIC, "ct.model.promoted.v1");
            Config config = admin.describeConfigs(List.of(promoted)).all().get(30, TimeUnit.SECONDS).get(promoted);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(admin.describeTopics(List.of("ct.inference.v1")).allTopicNames().get()
                    .get("ct.inference.v1").partitions()).hasSize(6);
        }
    }

    @Test
    void creatingTopicsAgainChangesNothing() {
        assertThat(cluster.createTopics()).isEmpty();
    }

    @Test
    void aRecordProducedIsConsumed() {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", cluster.bootstrapServers()),
                new StringSerializer(), new StringSerializer());
             var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", cluster.bootstrapServers(),
                     "group.id", "it", "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
            producer.send(new ProducerRecord<>("ct.feedback.v1", "m", "{\"hello\":1}"));
            producer.flush();
            consumer.subscribe(List.of("ct.feedback.v1"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                records = consumer.poll(Duration.ofMillis(500));
            }
            assertThat(records.iterator().next().value()).isEqualTo("{\"hello\":1}");
        }
    }

    @Test
    void portIsReadFromBootstrapServers() {
        assertThat(LocalKafka.portFrom(null)).isEqualTo(9092);
        assertThat(LocalKafka.portFrom("localhost:19092,other:1")).isEqualTo(19092);
    }
}
