package io.driftloop.infra.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final AutoCloseable broker;
    private final String bootstrapServers;
    private final String kind;
    /** Each principal's password on a secured cluster; empty on a plaintext one. */
    private final Map<String, String> passwords;

    private KafkaCluster(AutoCloseable broker, String bootstrapServers, String kind, Map<String, String> passwords) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        this.kind = kind;
        this.passwords = Map.copyOf(passwords);
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

    /**
     * Starts a secured embedded broker on a free port (SASL/PLAIN, ACLs; see {@link
     * KafkaBroker#startSecured}) with one user per principal of {@code infra/topics/topics.json} and
     * {@link KafkaBroker#ADMIN}, each with a new random password, creates the topics as the admin and
     * grants the ACLs of {@link TopicAcls}.
     */
    public static KafkaCluster startSecured() {
        List<TopicDefinitions.Topic> topics = TopicDefinitions.load();
        Map<String, String> passwords = new TreeMap<>();
        passwords.put(KafkaBroker.ADMIN, newPassword());
        TopicAcls.principals(topics).forEach(p -> passwords.put(p, newPassword()));
        KafkaBroker broker = KafkaBroker.startSecured(KafkaBroker.freePort(), passwords);
        KafkaCluster cluster = new KafkaCluster(broker, broker.bootstrapServers(), "embedded", passwords);
        try {
            cluster.createTopics();
            TopicAcls.apply(cluster.admin(), TopicAcls.bindings(topics));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Whether clients must authenticate (SASL/PLAIN) and are bound by ACLs. */
    public boolean secured() {
        return !passwords.isEmpty();
    }

    /** The principals with a user on a secured cluster (empty on a plaintext one). */
    public java.util.Set<String> principals() {
        return passwords.keySet();
    }

    /**
     * The settings a client connecting as {@code principal} needs: the bootstrap servers, and on a
     * secured cluster {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config}
     * with the principal's credentials — the same names the services read as {@code KAFKA_*}.
     */
    public Map<String, Object> client(String principal) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bootstrap.servers", bootstrapServers);
        if (secured()) {
            String password = passwords.get(principal);
            if (password == null) {
                throw new IllegalArgumentException("no user " + principal + " on this cluster; users: " + passwords.keySet());
            }
            out.put("security.protocol", "SASL_PLAINTEXT");
            out.put("sasl.mechanism", "PLAIN");
            out.put("sasl.jaas.config", KafkaBroker.plainLogin(principal, password));
        }
        return out;
    }

    /** {@link #client} as the super user: what tools, tests and the topic creator connect as. */
    public Map<String, Object> admin() {
        return client(KafkaBroker.ADMIN);
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
        return TopicCreator.createMissing(admin());
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
        return new KafkaCluster(broker, broker.bootstrapServers(), "embedded", Map.of());
    }

    private static KafkaCluster container() {
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        return new KafkaCluster(container::stop, container.getBootstrapServers(), "container", Map.of());
    }

    private static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
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
