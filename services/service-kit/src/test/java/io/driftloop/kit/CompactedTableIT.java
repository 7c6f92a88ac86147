package io.driftloop.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.infra.kafka.KafkaCluster;
import io.driftloop.infra.kafka.TopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CompactedTableIT {

    static KafkaCluster kafka;

    @BeforeAll
    static void start() {
        kafka = KafkaCluster.startForTests();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void tableHoldsTheLatestValuePerKeyFromTheBeginningAndFollows() {
        List<String> invalid = new CopyOnWriteArrayList<>();
        try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers())) {
            probe.send(Topics.MODEL_SPECS, "a", Json.encode(spec("a", "auto")));
            probe.send(Topics.MODEL_SPECS, "a", Json.encode(spec("a", "manual")));
            probe.send(Topics.MODEL_SPECS, "b", "{garbage");

            try (CompactedTable<ModelSpec> table = new CompactedTable<>(java.util.Map.of("bootstrap.servers", kafka.bootstrapServers()), Topics.MODEL_SPECS,
                    ModelSpecs::parse, (record, e) -> invalid.add(record.key())).start()) {
                assertThat(table.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
                assertThat(table.get("a")).hasValueSatisfying(s -> assertThat(s.promotion().name()).isEqualTo("MANUAL"));
                assertThat(table.get("b")).isEmpty();
                assertThat(invalid).containsExactly("b");

                List<String> changes = new CopyOnWriteArrayList<>();
                table.onChange((key, value) -> changes.add(key + "=" + (value == null ? "removed" : "set")));
                probe.send(Topics.MODEL_SPECS, "c", Json.encode(spec("c", "auto")));
                probe.send(new ProducerRecord<>(Topics.MODEL_SPECS, "a", null));

                await().atMost(Duration.ofSeconds(30)).until(() -> changes.contains("a=removed"));
                assertThat(changes).containsExactly("c=set", "a=removed");
                assertThat(table.snapshot()).containsOnlyKeys("c");
            }
        }
    }

    static ModelSpec spec(String name, String promotion) {
        return ModelSpecs.parse("name: " + name + "\ntask: binary-classification\nfeatures: [{name: x, type: numeric}]\npromotion: "
                + promotion + "\n");
    }
}
