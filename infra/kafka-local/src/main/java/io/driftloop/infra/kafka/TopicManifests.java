package io.driftloop.infra.kafka;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the declared topics for places that cannot read {@code topics.json} themselves: a
 * {@code kafka-topics.sh} script for Docker Compose and Strimzi {@code KafkaTopic} resources for
 * Kubernetes. The rendered files are committed under {@code infra/}; a test fails when they drift
 * from the declaration, so the topics stay declared once.
 */
public final class TopicManifests {

    private TopicManifests() {
    }

    /** A POSIX shell script creating every topic with {@code kafka-topics.sh} (idempotent). */
    public static String kafkaTopicsScript(List<TopicDefinitions.Topic> topics) {
        StringBuilder s = new StringBuilder("""
                #!/bin/sh
                # Generated from infra/topics/topics.json by TopicManifests; do not edit.
                # Creates every Driftloop topic that does not exist yet. For the single broker of Docker
                # Compose: replication factor 1 and min.insync.replicas 1, so acks=all waits for that one
                # broker (a lost disk loses data; the Kubernetes manifests run 3 replicas, 2 in sync).
                set -eu
                BOOTSTRAP="${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
                TOPICS="${KAFKA_TOPICS_CMD:-/opt/kafka/bin/kafka-topics.sh}"
                """);
        for (TopicDefinitions.Topic t : topics) {
            s.append("\"$TOPICS\" --bootstrap-server \"$BOOTSTRAP\" --create --if-not-exists --topic ").append(t.name())
                    .append(" --partitions ").append(t.partitions());
            configs(t.config()).forEach((k, v) -> s.append(" --config ").append(k).append('=').append(v));
            s.append('\n');
        }
        return s.toString();
    }

    /**
     * Strimzi {@code KafkaTopic} resources for a cluster named by {@code clusterLabel}: {@code replicas}
     * replicas, and with more than one, {@code min.insync.replicas} = replicas − 1 (2 of 3), so a write
     * acknowledged by every in-sync replica (the services' {@code acks=all}) survives the loss of a broker
     * and one broker may be down without stopping writes.
     */
    public static String strimziTopics(List<TopicDefinitions.Topic> topics, String clusterLabel, int replicas) {
        return topics.stream().map(t -> """
                # Generated from infra/topics/topics.json by TopicManifests; do not edit.
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata:
                  name: %s
                  labels:
                    strimzi.io/cluster: %s
                spec:
                  topicName: %s
                  partitions: %d
                  replicas: %d
                  config:
                %s""".formatted(t.name().replace('.', '-'), clusterLabel, t.name(), t.partitions(), replicas,
                configs(withMinInsync(t.config(), replicas)).entrySet().stream()
                        .map(e -> "    " + e.getKey() + ": \"" + e.getValue() + "\"\n").collect(Collectors.joining())))
                .collect(Collectors.joining("---\n"));
    }

    private static Map<String, String> withMinInsync(Map<String, String> config, int replicas) {
        Map<String, String> c = new java.util.TreeMap<>(config);
        if (replicas > 1) {
            c.putIfAbsent("min.insync.replicas", Integer.toString(replicas - 1));
        }
        return c;
    }

    private static Map<String, String> configs(Map<String, String> config) {
        return new java.util.TreeMap<>(config);
    }
}
