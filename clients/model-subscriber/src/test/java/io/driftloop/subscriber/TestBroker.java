package io.driftloop.subscriber;

import io.driftloop.infra.kafka.KafkaCluster;

/**
 * One real broker for every integration test of this JVM, started on first use the way
 * {@code KafkaTestResource} starts it for Quarkus tests (this module has no Quarkus), stopped when
 * the JVM ends.
 */
final class TestBroker {

    private static KafkaCluster cluster;

    private TestBroker() {
    }

    static synchronized String bootstrapServers() {
        if (cluster == null) {
            cluster = KafkaCluster.startForTests();
            KafkaCluster started = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-broker-stop"));
        }
        return cluster.bootstrapServers();
    }
}
