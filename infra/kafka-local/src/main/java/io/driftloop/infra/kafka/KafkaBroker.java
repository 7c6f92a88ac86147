package io.driftloop.infra.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process),
 * started as a child JVM from the Maven Central artifacts resolved at build time. Its data lives in
 * a temporary directory removed on {@link #close()}; a shutdown hook stops it if the parent JVM
 * ends first, so no orphan broker outlives a test run.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    /** The super user of a secured broker: topics and ACLs are created as it. */
    public static final String ADMIN = "admin";

    private volatile Process process;
    private final Path dir;
    private final int port;
    private final String classpath;
    private final Thread shutdownHook;

    private KafkaBroker(Process process, Path dir, int port, String classpath) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.classpath = classpath;
        this.shutdownHook = new Thread(this::stop, "kafka-broker-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a broker on a free port. */
    public static KafkaBroker start() {
        return start(freePort());
    }

    /** Starts a broker listening on {@code localhost:port} and waits until it accepts connections. */
    public static KafkaBroker start(int port) {
        return start(port, Map.of());
    }

    /**
     * Starts a secured broker on {@code localhost:port}: SASL/PLAIN over plaintext on every listener
     * (controller included), the given users (name → password, {@link #ADMIN} among them, a super
     * user), and ACLs enforced by KRaft's StandardAuthorizer with nothing allowed by default. TLS is
     * left to real clusters: the clients' settings differ only in {@code security.protocol} and
     * {@code ssl.*}.
     */
    public static KafkaBroker startSecured(int port, Map<String, String> users) {
        if (!users.containsKey(ADMIN)) {
            throw new IllegalArgumentException("a secured broker needs the user " + ADMIN);
        }
        return start(port, users);
    }

    private static KafkaBroker start(int port, Map<String, String> users) {
        int controllerPort = freePort();
        try {
            Path dir = Files.createTempDirectory("driftloop-kafka-");
            Path data = Files.createDirectories(dir.resolve("data"));
            Path props = dir.resolve("server.properties");
            Files.writeString(props, serverProperties(port, controllerPort, data, users));
            Path log4j = dir.resolve("log4j2.properties");
            Files.writeString(log4j, String.join("\n",
                    "rootLogger.level=WARN",
                    "rootLogger.appenderRef.out.ref=out",
                    "appender.out.type=Console",
                    "appender.out.name=out",
                    "appender.out.layout.type=PatternLayout",
                    "appender.out.layout.pattern=[%d] %p %m (%c)%n",
                    ""));
            String classpath = brokerClasspath();
            Path log = dir.resolve("broker.log");
            run(dir, log, classpath, "kafka.tools.StorageTool", "format", "--standalone",
                    "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22), "-c", props.toString())
                    .waitFor(60, TimeUnit.SECONDS);
            Process broker = run(dir, log, classpath, "kafka.Kafka", props.toString());
            KafkaBroker started = new KafkaBroker(broker, dir, port, classpath);
            started.awaitReady(log);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** The JAAS login of {@code user} with SASL/PLAIN, as a client's {@code sasl.jaas.config} holds it. */
    static String plainLogin(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** The broker's server.properties: plaintext without users, SASL/PLAIN and ACLs with them. */
    static String serverProperties(int port, int controllerPort, Path data, Map<String, String> users) {
        boolean secured = !users.isEmpty();
        String protocol = secured ? "SASL_PLAINTEXT" : "PLAINTEXT";
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=BROKER://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=BROKER://localhost:" + port,
                "listener.security.protocol.map=BROKER:" + protocol + ",CONTROLLER:" + protocol,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=BROKER",
                "log.dirs=" + data,
                "num.partitions=3",
                "default.replication.factor=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=" + !secured,
                "log.cleaner.backoff.ms=1000"));
        if (secured) {
            String login = plainLogin(ADMIN, users.get(ADMIN));
            StringBuilder jaas = new StringBuilder(login.substring(0, login.length() - 1));
            users.forEach((user, password) -> jaas.append(" user_").append(user).append("=\"").append(password).append('"'));
            jaas.append(';');
            lines.addAll(List.of(
                    "sasl.enabled.mechanisms=PLAIN",
                    "sasl.mechanism.inter.broker.protocol=PLAIN",
                    "sasl.mechanism.controller.protocol=PLAIN",
                    "listener.name.broker.plain.sasl.jaas.config=" + jaas,
                    "listener.name.controller.plain.sasl.jaas.config=" + jaas,
                    "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                    "allow.everyone.if.no.acl.found=false",
                    "super.users=User:" + ADMIN));
        }
        return String.join("\n", lines) + "\n";
    }

    public int port() {
        return port;
    }

    /**
     * A broker outage: stops the broker (SIGTERM, as an operator or an orchestrator would), keeps its
     * data, waits {@code downtime} and starts it again on the same ports, returning once it accepts
     * connections. Clients see connections refused meanwhile.
     */
    public synchronized void outage(Duration downtime) {
        try {
            halt();
            TimeUnit.MILLISECONDS.sleep(downtime.toMillis());
            Path log = logFile();
            process = run(dir, log, classpath, "kafka.Kafka", dir.resolve("server.properties").toString());
            awaitReady(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart the Kafka broker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a broker outage", e);
        }
    }

    /** The broker's own log, for when something went wrong. */
    public Path logFile() {
        return dir.resolve("broker.log");
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs or has run: nothing to remove
        }
    }

    private synchronized void stop() {
        halt();
        deleteQuietly(dir);
    }

    private void halt() {
        Process p = process;
        if (p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitReady(Path log) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        stop();
        throw new IllegalStateException("the Kafka broker did not listen on port " + port + " within "
                + READY_TIMEOUT.toSeconds() + " s:\n" + tail(log));
    }

    private static Process run(Path dir, Path log, String classpath, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static String brokerClasspath() throws IOException {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("/driftloop/broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("driftloop/broker.classpath is missing: build infra/kafka-local with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no broker log: " + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
