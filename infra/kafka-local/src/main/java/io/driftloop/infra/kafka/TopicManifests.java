package io.driftloop.infra.kafka;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the declared topics for places that cannot read {@code topics.json} themselves: a
 * {@code kafka-topics.sh} script for Docker Compose, and Strimzi {@code KafkaTopic} and {@code
 * KafkaUser} resources (the ACLs) for Kubernetes. The rendered files are committed under {@code infra/}; a test fails when they drift
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

    /**
     * Strimzi {@code KafkaUser} resources, one per principal of the declared topics, authenticating
     * with SCRAM-SHA-512 and holding the ACLs of {@link TopicAcls} (Strimzi keeps each user's login in a
     * Secret of the user's name, key {@code sasl.jaas.config}, which the services' manifests read).
     */
    public static String strimziUsers(List<TopicDefinitions.Topic> topics, String clusterLabel) {
        Map<String, Map<String, java.util.Set<String>>> byUser = new java.util.TreeMap<>();
        for (var b : TopicAcls.bindings(topics)) {
            String user = b.entry().principal().substring("User:".length());
            String resource = "{type: " + STRIMZI_TYPES.get(b.pattern().resourceType()) + ", name: " + (b.pattern().name().equals("*") ? "'*'" : b.pattern().name())
                    + ", patternType: " + b.pattern().patternType().name().toLowerCase(java.util.Locale.ROOT) + "}";
            byUser.computeIfAbsent(user, u -> new java.util.LinkedHashMap<>())
                    .computeIfAbsent(resource, r -> new java.util.TreeSet<>()).add(strimziOperation(b.entry().operation()));
        }
        return byUser.entrySet().stream().map(u -> """
                # Generated from infra/topics/topics.json by TopicManifests; do not edit.
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata:
                  name: %s
                  labels:
                    strimzi.io/cluster: %s
                spec:
                  authentication:
                    type: scram-sha-512
                  authorization:
                    type: simple
                    acls:
                %s""".formatted(u.getKey(), clusterLabel, u.getValue().entrySet().stream()
                        .map(e -> "      - resource: " + e.getKey() + "\n        operations: [" + String.join(", ", e.getValue())
                                + "]\n")
                        .collect(Collectors.joining())))
                .collect(Collectors.joining("---\n"));
    }

    private static final Map<org.apache.kafka.common.resource.ResourceType, String> STRIMZI_TYPES = Map.of(
            org.apache.kafka.common.resource.ResourceType.TOPIC, "topic",
            org.apache.kafka.common.resource.ResourceType.GROUP, "group",
            org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID, "transactionalId");

    /** {@code DESCRIBE} → {@code Describe}, {@code ALL} → {@code All}, as Strimzi spells operations. */
    private static String strimziOperation(org.apache.kafka.common.acl.AclOperation operation) {
        String name = operation.name().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
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
