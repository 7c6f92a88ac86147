package io.driftloop.infra.kafka;

import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one way tests and local runs get a real broker: a Testcontainers Apache Kafka container when
 * a Docker engine answers, otherwise an embedded KRaft {@link KafkaBroker} in a child JVM. Either
 * way the declared topics are created before {@link #bootstrapServers()} is handed out.
 */
public final class KafkaCluster implements AutoCloseable {

    /** Image of the container broker: the same Kafka version as the embedded one. */
    public static final String IMAGE = "apache/kafka:4.1.2";

    private final AutoCloseable broker;
    private final String bootstrapServers;
    private final String kind;

    private KafkaCluster(AutoCloseable broker, String bootstrapServers, String kind) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        this.kind = kind;
    }

    /** Starts a broker on a free port (a container when Docker is present) and creates the topics. */
    public static KafkaCluster startForTests() {
        KafkaCluster cluster = dockerAvailable() ? container() : embedded(KafkaBroker.freePort());
        cluster.createTopics();
        return cluster;
    }

    /** Starts an embedded broker on {@code port} and creates the topics. */
    public static KafkaCluster startEmbedded(int port) {
        KafkaCluster cluster = embedded(port);
        cluster.createTopics();
        return cluster;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** {@code container} or {@code embedded}. */
    public String kind() {
        return kind;
    }

    /**
     * Stops the broker for {@code downtime} and starts it again with its data (the embedded broker
     * only); returns once it accepts connections again.
     */
    public void outage(java.time.Duration downtime) {
        if (!(broker instanceof KafkaBroker embedded)) {
            throw new UnsupportedOperationException("broker outages are injected into the embedded broker only");
        }
        embedded.outage(downtime);
    }

    public List<String> createTopics() {
        return TopicCreator.createMissing(bootstrapServers);
    }

    @Override
    public void close() {
        try {
            broker.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the Kafka broker", e);
        }
    }

    private static KafkaCluster embedded(int port) {
        KafkaBroker broker = KafkaBroker.start(port);
        return new KafkaCluster(broker, broker.bootstrapServers(), "embedded");
    }

    private static KafkaCluster container() {
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        return new KafkaCluster(container::stop, container.getBootstrapServers(), "container");
    }

    private static boolean dockerAvailable() {
        if (Boolean.getBoolean("driftloop.kafka.embedded")) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
