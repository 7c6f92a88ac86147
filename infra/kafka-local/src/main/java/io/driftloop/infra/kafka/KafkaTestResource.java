package io.driftloop.infra.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real broker with the declared topics: one broker per test JVM,
 * shared by every test class and profile, stopped when the JVM ends.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaCluster cluster;

    /** The shared broker, started on first use. */
    public static synchronized KafkaCluster cluster() {
        if (cluster == null) {
            cluster = KafkaCluster.startForTests();
            KafkaCluster started = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "kafka-test-resource-stop"));
        }
        return cluster;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", cluster().bootstrapServers());
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; the shutdown hook stops it
    }
}
