package io.driftloop.infra.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topics declared in {@code infra/topics/topics.json} (packaged as {@code driftloop/topics.json}):
 * names, partitions, topic configs and writers, in one place for the local broker, the tests and the
 * cluster manifests.
 */
public final class TopicDefinitions {

    /** One declared topic and the principals that may write it. */
    public record Topic(String name, int partitions, Map<String, String> config, List<String> writers) {

        NewTopic toNewTopic() {
            return new NewTopic(name, java.util.Optional.of(partitions), java.util.Optional.empty()).configs(config);
        }
    }

    private TopicDefinitions() {
    }

    public static List<Topic> load() {
        try (InputStream in = TopicDefinitions.class.getResourceAsStream("/driftloop/topics.json")) {
            if (in == null) {
                throw new IllegalStateException("driftloop/topics.json is not on the classpath: build infra/kafka-local");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<Topic> topics = new ArrayList<>();
            for (JsonNode t : root.path("topics")) {
                Map<String, String> config = new LinkedHashMap<>();
                t.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
                List<String> writers = new ArrayList<>();
                t.path("writers").forEach(w -> writers.add(w.asText()));
                topics.add(new Topic(t.path("name").asText(), t.path("partitions").asInt(1), Map.copyOf(config),
                        List.copyOf(writers)));
            }
            return List.copyOf(topics);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read driftloop/topics.json", e);
        }
    }
}
