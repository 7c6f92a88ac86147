package io.driftloop.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed topic manifests must match infra/topics/topics.json. To regenerate them after
 * changing the declaration: {@code ./mvnw -pl infra/kafka-local test -Ddriftloop.regenerate=true}.
 */
class TopicManifestsTest {

    static final Path INFRA = Path.of("..").toAbsolutePath().normalize();

    @Test
    void composeScriptMatchesTheDeclaredTopics() throws IOException {
        check(INFRA.resolve("topics/create-topics.sh"), TopicManifests.kafkaTopicsScript(TopicDefinitions.load()));
    }

    @Test
    void strimziTopicsMatchTheDeclaredTopics() throws IOException {
        check(INFRA.resolve("k8s/topics.yaml"), TopicManifests.strimziTopics(TopicDefinitions.load(), "driftloop", 3));
    }

    @Test
    void strimziUsersMatchTheDeclaredTopics() throws IOException {
        check(INFRA.resolve("k8s/users.yaml"), TopicManifests.strimziUsers(TopicDefinitions.load(), "driftloop"));
    }

    @Test
    void everyPrincipalIsAUserAndOnlyTheRegistryWritesPromotions() {
        String users = TopicManifests.strimziUsers(TopicDefinitions.load(), "driftloop");
        assertThat(users.lines().filter(l -> l.startsWith("  name: ")).map(l -> l.substring(8)))
                .containsExactlyInAnyOrder("app", "console", "data-prep", "drift-detector", "evaluator", "registry", "scorer",
                        "trainer");
        java.util.List<String> writersOfPromotions = new java.util.ArrayList<>();
        String user = null;
        List<String> lines = users.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("  name: ")) {
                user = lines.get(i).substring(8);
            }
            if (lines.get(i).contains("name: ct.model.promoted.v1,") && lines.get(i + 1).contains("Write")) {
                writersOfPromotions.add(user);
            }
        }
        assertThat(writersOfPromotions).containsExactly("registry");
    }

    @Test
    void everyTopicIsRenderedWithItsConfig() {
        List<TopicDefinitions.Topic> topics = TopicDefinitions.load();
        String script = TopicManifests.kafkaTopicsScript(topics);
        assertThat(script.lines().filter(l -> l.contains("--create"))).hasSize(topics.size());
        assertThat(script).contains("--topic ct.model.promoted.v1 --partitions 3 --config cleanup.policy=compact");
        assertThat(TopicManifests.strimziTopics(topics, "c", 3)).contains("topicName: ct.model.specs.v1")
                .contains("cleanup.policy: \"compact\"");
    }

    @Test
    void threeReplicasKeepTwoInSyncAndTheSingleBrokerScriptKeepsTheBrokerDefault() {
        List<TopicDefinitions.Topic> topics = TopicDefinitions.load();
        String k8s = TopicManifests.strimziTopics(topics, "c", 3);
        assertThat(k8s.lines().filter(l -> l.equals("    min.insync.replicas: \"2\""))).hasSize(topics.size());
        assertThat(TopicManifests.strimziTopics(topics, "c", 1)).doesNotContain("min.insync.replicas");
        assertThat(TopicManifests.kafkaTopicsScript(topics)).doesNotContain("--config min.insync.replicas");
    }

    private static void check(Path file, String expected) throws IOException {
        if (Boolean.getBoolean("driftloop.regenerate")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, expected);
        }
        assertThat(file).as(file + " is stale; regenerate with -Ddriftloop.regenerate=true").exists();
        assertThat(Files.readString(file)).as(file + " is stale; regenerate with -Ddriftloop.regenerate=true")
                .isEqualTo(expected);
    }
}
