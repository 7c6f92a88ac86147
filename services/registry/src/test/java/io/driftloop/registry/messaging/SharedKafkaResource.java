package io.driftloop.registry.messaging;

import io.driftloop.infra.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * {@link KafkaTestResource}'s broker, shared by every test class of the JVM even across a Quarkus
 * restart: a test profile loads the test classes anew, which would give each application a broker
 * of its own (an empty one), so the first start leaves the broker's address in a system property.
 */
public class SharedKafkaResource implements QuarkusTestResourceLifecycleManager {

    static final String PROPERTY = "driftloop.test.kafka.bootstrap-servers";

    public static synchronized String bootstrapServers() {
        String servers = System.getProperty(PROPERTY);
        if (servers == null) {
            servers = KafkaTestResource.cluster().bootstrapServers();
            System.setProperty(PROPERTY, servers);
        }
        return servers;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; KafkaTestResource's shutdown hook stops it
    }
}
