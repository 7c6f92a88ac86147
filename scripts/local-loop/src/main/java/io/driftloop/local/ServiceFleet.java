package io.driftloop.local;

import io.driftloop.infra.kafka.KafkaSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The six services as separate JVM processes started from their Quarkus build output
 * ({@code services/<name>/target/quarkus-app/quarkus-run.jar}), each logging to its own file.
 * {@link #close()} stops them all; a shutdown hook does so if the launcher is interrupted.
 */
public final class ServiceFleet implements AutoCloseable {

    /** A service, its HTTP port and the JVM flags it runs with. */
    public record Service(String name, int port, List<String> jvmArgs) {
    }

    /** The registry user the demo authenticates as (roles operator and approver). */
    public static final String REGISTRY_USER = "demo";
    /** Its password: $DRIFTLOOP_REGISTRY_DEMO_PASSWORD, or new on every run; the registry ships no user. */
    public static final String REGISTRY_PASSWORD = System.getenv().getOrDefault("DRIFTLOOP_REGISTRY_DEMO_PASSWORD",
            java.util.UUID.randomUUID().toString());

    private static final List<String> LIGHT = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** The drift-detector decodes and sketches every inference event: it keeps the optimising compiler. */
    private static final List<String> STREAMING = List.of("-Xmx256m", "-XX:+UseSerialGC");
    /** DL4J's off-heap memory is capped, or it grows with the machine. */
    private static final List<String> DL4J = List.of("-Xmx512m", "-XX:+UseSerialGC",
            "-Dorg.bytedeco.javacpp.maxbytes=1G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=2G");
    /** The scorer only runs small networks forward, on every request: less memory, the optimising compiler. */
    private static final List<String> SCORING = List.of("-Xmx256m", "-XX:+UseSerialGC",
            "-Dorg.bytedeco.javacpp.maxbytes=512M", "-Dorg.bytedeco.javacpp.maxphysicalbytes=1G");

    /** The services at the ports DESIGN.md gives. */
    public static List<Service> defaults() {
        return List.of(
                new Service("registry", 8080, LIGHT),
                new Service("drift-detector", 8081, STREAMING),
                new Service("data-prep", 8082, LIGHT),
                new Service("trainer", 8083, DL4J),
                new Service("evaluator", 8084, DL4J),
                new Service("scorer", 8085, SCORING),
                new Service("console", 8086, LIGHT));
    }

    /** The same services on other ports, e.g. free ones for a test. */
    public static List<Service> withPorts(List<Integer> ports) {
        List<Service> out = new ArrayList<>();
        List<Service> d = defaults();
        for (int i = 0; i < d.size(); i++) {
            out.add(new Service(d.get(i).name(), ports.get(i), d.get(i).jvmArgs()));
        }
        return out;
    }

    private final Map<Service, Process> processes = new LinkedHashMap<>();
    private final Map<Service, ProcessBuilder> builders = new LinkedHashMap<>();
    private final Path logs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread hook = new Thread(this::stopAll, "fleet-stop");

    private ServiceFleet(Path logs) {
        this.logs = logs;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts every service connecting with the Kafka settings {@code kafka} gives for its name (its
     * principal on a secured cluster; see {@link io.driftloop.infra.kafka.KafkaCluster#client}), passed
     * as {@code KAFKA_*} environment variables, with artifacts under {@code artifacts} and logs under
     * {@code logs}, and waits until each reports ready on {@code /q/health/ready}.
     */
    public static ServiceFleet start(Path repo, List<Service> services,
                                     java.util.function.Function<String, Map<String, Object>> kafka, Path artifacts,
                                     Path logs, Duration timeout, Consumer<String> progress) {
        ServiceFleet fleet = new ServiceFleet(logs);
        try {
            Files.createDirectories(logs);
            Path cache = Path.of(System.getProperty("user.home"), ".javacpp", "cache");
            // local state (data-prep's join stores) belongs to this broker: a fresh broker gets a fresh directory
            Path state = Files.createTempDirectory("driftloop-state-");
            for (Service s : services) {
                Path jar = repo.resolve("services").resolve(s.name()).resolve("target/quarkus-app/quarkus-run.jar");
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException(jar + " is missing: build first with ./mvnw -DskipTests package");
                }
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(s.jvmArgs());
                command.add("-Dorg.bytedeco.javacpp.cachedir=" + cache);
                command.addAll(List.of("-jar", jar.toString()));
                ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(logs.resolve(s.name() + ".log").toFile());
                pb.environment().putAll(KafkaSettings.toEnvironment(kafka.apply(s.name())));
                pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(s.port()));
                pb.environment().put("DRIFTLOOP_ARTIFACTS_DIR", artifacts.toString());
                pb.environment().put("DRIFTLOOP_STATE_DIR", state.toString());
                if (s.name().equals("console")) {
                    // the console shows each service's readiness: where this fleet put them
                    for (Service other : services) {
                        pb.environment().put("DRIFTLOOP_" + other.name().toUpperCase().replace('-', '_') + "_URL",
                                "http://localhost:" + other.port());
                    }
                }
                if (s.name().equals("registry")) {
                    pb.environment().put("QUARKUS_SECURITY_USERS_EMBEDDED_USERS_" + REGISTRY_USER.toUpperCase(), REGISTRY_PASSWORD);
                    pb.environment().put("QUARKUS_SECURITY_USERS_EMBEDDED_ROLES_" + REGISTRY_USER.toUpperCase(), "operator,approver");
                    progress.accept("registry user " + REGISTRY_USER + " (operator, approver), password " + REGISTRY_PASSWORD);
                }
                fleet.builders.put(s, pb);
                fleet.processes.put(s, pb.start());
                progress.accept("started " + s.name() + " on :" + s.port() + " (log " + logs.resolve(s.name() + ".log") + ")");
            }
            fleet.awaitReady(timeout, progress);
            return fleet;
        } catch (IOException e) {
            fleet.close();
            throw new UncheckedIOException("cannot start the services", e);
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    private void awaitReady(Duration timeout, Consumer<String> progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<Service, Process> e : processes.entrySet()) {
            awaitReady(e.getKey(), e.getValue(), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), progress);
        }
    }

    private void awaitReady(Service s, Process process, Duration timeout, Consumer<String> progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI health = readiness(s);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(s.name() + " exited with " + process.exitValue()
                        + "; see " + logs.resolve(s.name() + ".log"));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    progress.accept(s.name() + " is ready");
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + s.name(), ie);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(s.name() + " was not ready within " + timeout.toSeconds()
                        + " s; see " + logs.resolve(s.name() + ".log"));
            }
            pause(250);
        }
    }

    /**
     * Each service's readiness right now, asked of all at once: true when {@code /q/health/ready}
     * answers 200 within 20 s, false when it answers otherwise (DOWN, 503), late or not at all.
     */
    public Map<String, Boolean> readiness() {
        Map<String, Boolean> ready = new java.util.TreeMap<>();
        readinessStatus(Duration.ofSeconds(20)).forEach((name, status) -> ready.put(name, status == 200));
        return ready;
    }

    /**
     * Each service's answer to {@code /q/health/ready} right now, asked of all at once: the HTTP
     * status, or -1 when it did not answer within {@code timeout}.
     */
    public Map<String, Integer> readinessStatus(Duration timeout) {
        Map<String, java.util.concurrent.CompletableFuture<Integer>> asked = new java.util.TreeMap<>();
        for (Service s : processes.keySet()) {
            asked.put(s.name(), http.sendAsync(HttpRequest.newBuilder(readiness(s)).timeout(timeout).build(),
                            HttpResponse.BodyHandlers.discarding())
                    .thenApply(HttpResponse::statusCode).exceptionally(e -> -1));
        }
        Map<String, Integer> status = new java.util.TreeMap<>();
        asked.forEach((name, answer) -> status.put(name, answer.join()));
        return status;
    }

    private static URI readiness(Service s) {
        return URI.create("http://localhost:" + s.port() + "/q/health/ready");
    }

    /** Resident memory of each service in MiB, read from /proc (Linux). */
    public Map<String, Long> residentMemoryMiB() {
        Map<String, Long> out = new LinkedHashMap<>();
        processes.forEach((s, p) -> {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        out.put(s.name(), Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                    }
                }
            } catch (IOException | RuntimeException e) {
                out.put(s.name(), -1L);
            }
        });
        return out;
    }

    public Map<String, Integer> ports() {
        Map<String, Integer> out = new LinkedHashMap<>();
        processes.keySet().forEach(s -> out.put(s.name(), s.port()));
        return out;
    }

    /**
     * Kills one service with SIGKILL (no shutdown hook runs, nothing is flushed), waits
     * {@code downtime}, starts it again (its log appended to) and waits until it is ready; returns how
     * long it took to be ready after the restart.
     */
    public Duration killAndRestart(String name, Duration downtime, Duration timeout) {
        kill(name);
        pause(downtime.toMillis());
        return restart(name, timeout);
    }

    /** SIGKILLs service {@code name} and waits for it to be gone. */
    public void kill(String name) {
        Process p;
        synchronized (this) {
            p = processes.get(service(name));
        }
        p.destroyForcibly();
        try {
            p.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        }
    }

    /** Starts service {@code name} again (after {@link #kill}) and waits until it is ready; returns how long that took. */
    public Duration restart(String name, Duration timeout) {
        Service service = service(name);
        ProcessBuilder pb = builders.get(service)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
        long started = System.nanoTime();
        try {
            synchronized (this) {
                processes.put(service, pb.start());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart " + name, e);
        }
        awaitReady(service, processes.get(service), timeout, s -> { });
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private Service service(String name) {
        return processes.keySet().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** The names of the services. */
    public List<String> names() {
        return processes.keySet().stream().map(Service::name).toList();
    }

    /** Whether every service is still running. */
    public boolean allAlive() {
        return processes.values().stream().allMatch(Process::isAlive);
    }

    /** Kills every service at once (SIGKILL): no shutdown hook runs, nothing is flushed or saved. */
    public synchronized void kill() {
        for (Process p : processes.values()) {
            p.destroyForcibly();
            try {
                p.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running
        }
    }

    private synchronized void stopAll() {
        processes.values().forEach(Process::destroy);
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
