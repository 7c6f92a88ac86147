package io.driftloop.infra.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real broker with the declared topics: one broker per test JVM,
 * shared by every test class and profile, stopped when the JVM ends. A test profile makes Quarkus
 * load the test classes anew (and this class's static state with them), so the broker's address
 * is also kept in a system property that outlives the class loader.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    static final String PROPERTY = "driftloop.test.kafka.bootstrap-servers";

    private static KafkaCluster cluster;

    /** Address of the JVM's shared broker, started on first use. */
    public static synchronized String bootstrapServers() {
        String servers = System.getProperty(PROPERTY);
        if (servers == null) {
            servers = cluster().bootstrapServers();
            System.setProperty(PROPERTY, servers);
        }
        return servers;
    }

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
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; the shutdown hook stops it
    }
}
