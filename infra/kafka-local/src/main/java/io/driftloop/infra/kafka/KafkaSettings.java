package io.driftloop.infra.kafka;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Kafka client settings as tools and tests pass them around: a map of client properties (bootstrap
 * servers and, on a secured cluster, {@code security.protocol} and {@code sasl.*}), and its form as
 * environment variables, {@code KAFKA_} + the name in capitals with dots as underscores — the form a
 * Quarkus service reads back as {@code kafka.*} and hands to every client it builds.
 */
public final class KafkaSettings {

    private KafkaSettings() {
    }

    /** {@code connection} with more properties: {@code name, value, name, value, …}. */
    public static Map<String, Object> with(Map<String, ?> connection, Object... more) {
        if (more.length % 2 != 0) {
            throw new IllegalArgumentException("properties come in name, value pairs");
        }
        Map<String, Object> out = new LinkedHashMap<>(connection);
        for (int i = 0; i < more.length; i += 2) {
            out.put(more[i].toString(), more[i + 1]);
        }
        return out;
    }

    /** The settings as the environment of a service: {@code sasl.jaas.config} → {@code KAFKA_SASL_JAAS_CONFIG}. */
    public static Map<String, String> toEnvironment(Map<String, ?> settings) {
        Map<String, String> env = new LinkedHashMap<>();
        settings.forEach((name, value) -> env.put("KAFKA_" + name.toUpperCase(Locale.ROOT).replace('.', '_'),
                String.valueOf(value)));
        return env;
    }
}
