package io.driftloop.kit;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The settings every Kafka client of a service is built from, the same ones its SmallRye channels
 * get: every {@code kafka.*} property (environment {@code KAFKA_*}), so bootstrap servers, {@code
 * security.protocol}, {@code sasl.*} and {@code ssl.*} reach the raw consumers (followers, compacted
 * tables, readers) as they reach the channels. A client built from anything else could not connect
 * to a secured cluster.
 */
@ApplicationScoped
public class KafkaClients {

    private final Map<String, Object> settings;

    @Inject
    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> settings) {
        this.settings = Map.copyOf(settings);
        if (!this.settings.containsKey(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalStateException("kafka.bootstrap.servers (KAFKA_BOOTSTRAP_SERVERS) is not set");
        }
    }

    /**
     * The settings a consumer knows among the service's Kafka settings, reading committed records
     * only (data-prep writes {@code ct.examples.v1} in transactions). Callers add their own
     * (deserializers, group, offsets) to the copy.
     */
    public Map<String, Object> consumer() {
        Map<String, Object> config = known(settings, ConsumerConfig.configNames());
        config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    /** The settings an admin client knows among the service's Kafka settings. */
    public Map<String, Object> admin() {
        return known(settings, AdminClientConfig.configNames());
    }

    public String bootstrapServers() {
        return settings.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG).toString();
    }

    /**
     * The settings among {@code settings} that a client with {@code names} knows; the others
     * (a channel's own, other clients') would only be logged as unknown.
     */
    static Map<String, Object> known(Map<String, Object> settings, Set<String> names) {
        Map<String, Object> config = new HashMap<>();
        settings.forEach((name, value) -> {
            if (names.contains(name)) {
                config.put(name, value);
            }
        });
        return config;
    }

    @Override
    public String toString() {
        // never print secrets: names only
        return "KafkaClients" + new TreeMap<>(settings).keySet();
    }
}
