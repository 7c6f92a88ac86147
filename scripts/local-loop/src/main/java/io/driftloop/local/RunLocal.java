package io.driftloop.local;

import io.driftloop.infra.kafka.KafkaCluster;
import io.driftloop.infra.kafka.LocalKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code scripts/run-local}: an embedded Kafka broker with the declared topics, the services
 * as processes, and (unless {@code --no-demo}) the traffic simulator driving the loop from the
 * bootstrap model to a drift-triggered v2 served by the scorer. Everything it started stops at the end and on Ctrl-C.
 */
public final class RunLocal {

    private static final Instant STARTED = Instant.now();

    private RunLocal() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> flags = List.of(args);
        if (flags.contains("--help") || flags.contains("-h")) {
            System.out.println("""
                    usage: scripts/run-local [--no-demo] [--timeout MINUTES]
                      (default)    broker + services + demo traffic until v2 is promoted, then a summary
                      --no-demo    broker + services only, until Ctrl-C; drive them from your own producer
                      --timeout    give the demo this many minutes (default 15)
                    environment: KAFKA_BOOTSTRAP_SERVERS (default localhost:9092) sets the broker's port""");
            return;
        }
        boolean demo = !flags.contains("--no-demo");
        int timeoutIndex = flags.indexOf("--timeout");
        Duration timeout = Duration.ofMinutes(timeoutIndex >= 0 ? Integer.parseInt(flags.get(timeoutIndex + 1)) : 15);

        LocalSystem system = LocalSystem.start(RunLocal::say);
        KafkaCluster kafka = system.kafka();
        ServiceFleet fleet = system.fleet();
        try {
            if (!demo) {
                say("running without demo traffic; produce to ct.inference.v1 / ct.feedback.v1 on "
                        + kafka.bootstrapServers() + " (or POST requests to the scorer at http://localhost:8085/predict once a"
                        + " model is promoted), registry at http://localhost:8080. Ctrl-C stops everything.");
                new CountDownLatch(1).await();
            }
            Demo.Result result = new Demo(kafka.admin(), URI.create("http://localhost:8080"),
                    URI.create("http://localhost:8085"), new Demo.Settings(500, 200, 1500, timeout, 7), RunLocal::say).run();
            System.out.print(Demo.summary(result));
            say("resident memory (MiB): " + fleet.residentMemoryMiB());
        } finally {
            system.close();
        }
    }

    /** The broker and the services of a local run, started under {@code .run-local/}; closing stops both. */
    record LocalSystem(KafkaCluster kafka, ServiceFleet fleet) implements AutoCloseable {

        static LocalSystem start(java.util.function.Consumer<String> say) {
            Path repo = Path.of(System.getProperty("driftloop.repo", ".")).toAbsolutePath().normalize();
            Path runDir = repo.resolve(".run-local");
            Path artifacts = runDir.resolve("artifacts");
            Path logs = runDir.resolve("logs");
            recreate(runDir);

            int port = LocalKafka.portFrom(System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
            say.accept("starting the embedded Kafka broker (KRaft) on localhost:" + port);
            KafkaCluster kafka = KafkaCluster.startEmbedded(port);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "stop-kafka"));
            say.accept("broker ready on " + kafka.bootstrapServers() + "; topics created from infra/topics/topics.json");

            Runtime.getRuntime().addShutdownHook(new Thread(() -> say.accept("stopping the services and the broker")));
            ServiceFleet fleet = ServiceFleet.start(repo, ServiceFleet.defaults(), kafka::client, artifacts,
                    logs, Duration.ofMinutes(3), say);
            say.accept("all services ready: " + fleet.ports() + "; artifacts under " + artifacts);
            say.accept("open the console to watch the loop: http://localhost:" + fleet.ports().get("console") + "/");
            return new LocalSystem(kafka, fleet);
        }

        @Override
        public void close() {
            fleet.close();
            kafka.close();
        }
    }

    static void say(String line) {
        double t = Duration.between(STARTED, Instant.now()).toMillis() / 1000.0;
        System.out.printf("[%6.1fs] %s%n", t, line);
    }

    private static void recreate(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }
}
