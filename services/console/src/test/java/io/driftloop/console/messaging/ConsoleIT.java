package io.driftloop.console.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.driftloop.console.domain.LagStatus;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.infra.kafka.KafkaTestResource;
import io.driftloop.infra.kafka.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The console against a real broker: consumer groups in each state Burrow's rules name, read by the
 * admin client and judged on the overview page, in its JSON and in its metrics; a dead letter
 * counted; a champion shown.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ConsoleIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String TOPIC = "console-it";

    @Inject
    LagMonitor monitor;

    @Test
    void groupsAreJudgedByBurrowsRulesAndTheOverviewShowsThem() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaTestResource.bootstrapServers()));
             TopicProbe probe = new TopicProbe(KafkaTestResource.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            for (int i = 0; i < 10; i++) {
                probe.send(TOPIC, "k", "v" + i);
            }
            // caught up: a group that read everything and left
            commit("console-it-caught-up", 10);
            // stopped: a group that committed 4 of 10 and has no member
            commit("console-it-stopped", 4);
            // stalled: a member holds offset 2 past its rhythm (3 s) while 8 records wait
            AtomicBoolean running = new AtomicBoolean(true);
            Thread holder = new Thread(() -> hold("console-it-holding", 2, running));
            holder.start();
            probe.send(Topics.MODEL_SPECS + ".dlq", "m", "{\"not\": \"a spec\"}");
            probe.send(Topics.MODEL_PROMOTED, "console-it-model", Json.encode(new ModelPromoted("console-it-model", 3, 2,
                    new ArtifactRef("file:///tmp/x", "0".repeat(64), "dl4j"), "sha256:d", "sha256:s",
                    Map.of("accuracy", 0.9), "drift: 3 of 4 features drifted", Instant.now(), "c3", null)));
            try {
                Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(status("console-it-caught-up")).contains(LagStatus.OK);
                    assertThat(status("console-it-stopped")).contains(LagStatus.STOP);
                    assertThat(status("console-it-holding")).contains(LagStatus.STALL);
                    assertThat(monitor.snapshot().deadLetters()).containsEntry(Topics.MODEL_SPECS + ".dlq", 1L);
                });
                LagMonitor.GroupLag stopped = group("console-it-stopped").orElseThrow();
                assertThat(stopped.lag()).isEqualTo(6);
                assertThat(stopped.verdict().rule()).isEqualTo("console-it-0: no member consumes while 6 record(s) wait");
                assertThat(group("console-it-holding").orElseThrow().verdict().rule())
                        .contains("offset 2 held for").contains("the test holds it");

                given().get("/").then().statusCode(200)
                        .body(containsString("console-it-stopped"))
                        .body(containsString("<span class=\"status STOP\">STOP</span>"))
                        .body(containsString("<span class=\"status STALL\">STALL</span>"))
                        .body(containsString("no member consumes while 6 record(s) wait"))
                        .body(containsString("console-it-model"))
                        .body(containsString("v3"));
                given().get("/api/overview").then().statusCode(200)
                        .body(containsString("\"deadLettersTotal\":1"));
                given().get("/q/metrics").then().statusCode(200)
                        .body(containsString("driftloop_console_group_status{group=\"console-it-stopped\",status=\"STOP\"} 1.0"))
                        .body(containsString("driftloop_console_group_status{group=\"console-it-stopped\",status=\"OK\"} 0.0"))
                        .body(containsString("driftloop_console_group_lag{group=\"console-it-stopped\"} 6.0"))
                        .body(containsString("driftloop_console_dead_letters{topic=\"ct.model.specs.v1.dlq\"} 1.0"));
            } finally {
                running.set(false);
                holder.join();
            }
        }
    }

    private Optional<LagMonitor.GroupLag> group(String id) {
        return monitor.snapshot().groups().stream().filter(g -> g.group().equals(id)).findFirst();
    }

    private Optional<LagStatus> status(String id) {
        return group(id).map(g -> g.verdict().status());
    }

    private static Properties consumer(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }

    private static void commit(String group, long offset) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumer(group))) {
            c.commitSync(Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(offset)));
        }
    }

    /** A member of {@code group} that commits {@code offset} and then polls without reading further. */
    private static void hold(String group, long offset, AtomicBoolean running) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumer(group))) {
            c.subscribe(List.of(TOPIC));
            while (running.get()) {
                c.poll(Duration.ofMillis(200));
                if (!c.assignment().isEmpty()) {
                    c.commitSync(Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(offset)));
                    c.pause(c.assignment());
                    c.seek(new TopicPartition(TOPIC, 0), offset);
                }
            }
        }
    }
}
