package io.driftloop.local.bench;

import io.driftloop.contracts.EventHeaders;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.artifacts.LocalArtifactStore;
import io.driftloop.contracts.dataset.DatasetCodec;
import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.infra.kafka.KafkaCluster;
import io.driftloop.local.ServiceFleet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code scripts/bench-drift-throughput}: how many inference events per second the drift-detector
 * consumes and evaluates from a real broker, against Kafka's own consumer performance tool reading
 * the same topic on the same broker. One run: an embedded broker, a 25-feature spec and a champion
 * with its reference profile, N inference events, then the tool, then a bare consumer that reads
 * every value as JSON ({@link ParsingConsumerRate}), then the drift-detector service
 * (its Quarkus build output, with the JVM flags run-local gives it) on the same backlog. Prints the
 * table of {@link ThroughputReport}; exits non-zero only on errors, not on a missed target.
 */
public final class DriftThroughputBench {

    static final String GROUP = "drift-detector";
    private static final Instant STARTED = Instant.now();

    /** What one run does. */
    record Options(long events, int windowSize, long seed, boolean jfr, List<String> detectorJvmArgs, Duration timeout) {

        static Options parse(List<String> args) {
            long events = 1_000_000;
            int window = 500;
            long seed = 7;
            boolean jfr = false;
            List<String> extra = new ArrayList<>();
            Duration timeout = Duration.ofMinutes(30);
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--events" -> events = Long.parseLong(value(args, ++i, a).replace("_", ""));
                    case "--window" -> window = Integer.parseInt(value(args, ++i, a));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                    case "--jfr" -> jfr = true;
                    case "--detector-jvm-args" -> extra.addAll(List.of(value(args, ++i, a).trim().split("\\s+")));
                    case "--timeout" -> timeout = Duration.ofMinutes(Long.parseLong(value(args, ++i, a)));
                    default -> throw new IllegalArgumentException("unknown option " + a + "; see --help");
                }
            }
            if (window < 2 || events < 2L * window) {
                throw new IllegalArgumentException("need a window of at least 2 and at least two windows of events, had "
                        + "--window " + window + " --events " + events);
            }
            return new Options(events, window, seed, jfr, List.copyOf(extra), timeout);
        }

        private static String value(List<String> args, int i, String option) {
            if (i >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(i);
        }
    }

    private DriftThroughputBench() {
    }

    public static void main(String[] args) {
        List<String> flags = List.of(args);
        if (flags.contains("--help") || flags.contains("-h")) {
            System.out.println("""
                    usage: scripts/bench-drift-throughput [--build] [--events N] [--window N] [--seed N] [--jfr]
                                                         [--detector-jvm-args "FLAGS"] [--timeout MINUTES]
                      --events      inference events produced and consumed (default 1000000)
                      --window      the spec's drift.windowSize (default 500)
                      --seed        seed of the synthetic traffic and reference data (default 7)
                      --jfr         record the drift-detector with Java Flight Recorder (settings=profile)
                      --detector-jvm-args  flags appended to the drift-detector's JVM flags from run-local
                      --timeout     give the drift-detector this many minutes to consume everything (default 30)""");
            return;
        }
        try {
            run(Options.parse(flags));
        } catch (RuntimeException e) {
            System.err.println("bench-drift-throughput failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    static void run(Options o) {
        Path repo = Path.of(System.getProperty("driftloop.repo", ".")).toAbsolutePath().normalize();
        Path runDir = repo.resolve("scripts/local-loop/target/bench-drift-throughput");
        recreate(runDir);
        Path artifacts = runDir.resolve("artifacts");
        Path logs = runDir.resolve("logs");

        int port = freePort();
        say("starting the embedded Kafka broker (KRaft) on localhost:" + port);
        KafkaCluster kafka = KafkaCluster.startEmbedded(port);
        ServiceFleet fleet = null;
        try {
            String bootstrap = kafka.bootstrapServers();
            Files.createDirectories(logs);
            ModelSpec spec = ModelSpecs.parse(WideTraffic.spec(o.windowSize()));
            ModelPromoted champion = champion(spec, new LocalArtifactStore(artifacts), o.seed());
            produce(bootstrap, spec, champion, o);

            say("running " + RawConsumerRate.TOOL + " on " + Topics.INFERENCE + " (" + o.events() + " messages, fresh group)");
            RawConsumerRate.Result raw = RawConsumerRate.measure(System.getProperty("java.class.path"), bootstrap,
                    Topics.INFERENCE, o.events(), logs.resolve("consumer-performance.log"));
            say(String.format("raw consumer: %,.0f msgs/s over %,d ms fetch time (%,d ms group join excluded)",
                    raw.fetchMsgsPerSec(), raw.fetchMs(), raw.rebalanceMs()));
            say("running a bare consumer that reads every value of " + Topics.INFERENCE + " as JSON (fresh group)");
            ParsingConsumerRate.Result parsing = ParsingConsumerRate.measure(System.getProperty("java.class.path"),
                    bootstrap, Topics.INFERENCE, o.events(), logs.resolve("json-reading-consumer.log"));
            say(String.format("JSON-reading consumer: %,.0f msgs/s over %,d ms", parsing.msgsPerSec(), parsing.fetchMs()));

            int features = spec.features().size();
            try (StatsCounter stats = new StatsCounter(bootstrap, Topics.DRIFT_STATS, WideTraffic.MODEL, o.windowSize(), features);
                 CommitWatcher commits = new CommitWatcher(bootstrap, Topics.INFERENCE, GROUP, 100)) {
                if (commits.end() != o.events()) {
                    throw new IllegalStateException(Topics.INFERENCE + " holds " + commits.end() + " records, expected " + o.events());
                }
                ServiceFleet.Service detector = detector(o, runDir);
                Path snapshot = snapshot(repo, runDir.resolve("snapshot"));
                say("starting the drift-detector with " + String.join(" ", detector.jvmArgs()));
                fleet = ServiceFleet.start(snapshot, List.of(detector), kafka::client, artifacts, logs, Duration.ofMinutes(3),
                        DriftThroughputBench::say);
                awaitDone(o, fleet, commits, stats, bootstrap);
                long expected = o.events() / o.windowSize();
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (stats.windows() < expected && System.nanoTime() < deadline) {
                    pause(100);
                }
                check(o, stats, expected, deadLettered(bootstrap));
                CommitWatcher.Mark done = commits.done();
                CommitWatcher.Mark first = commits.firstMove();
                say(String.format("group %s first committed %,d at +%,d ms after the first window's statistics; "
                        + "committed %,d at +%,d ms", GROUP, first.committed(), first.atMs() - stats.firstMs(),
                        done.committed(), done.atMs() - stats.firstMs()));
                say("drift-detector resident memory (MiB): " + fleet.residentMemoryMiB());
                ThroughputReport report = new ThroughputReport(o.events(), raw.megabytes(), o.windowSize(),
                        stats.windows(), stats.drifted(), raw, o.events() - o.windowSize(), done.atMs() - stats.firstMs(),
                        (stats.windows() - 1) * o.windowSize(), stats.lastMs() - stats.firstMs(), parsing,
                        (stats.windows() - 1 - stats.windows() / 2) * o.windowSize(),
                        stats.lastMs() - stats.msAt((int) (stats.windows() / 2)));
                fleet.close();
                fleet = null;
                System.out.print(report.render());
                if (o.jfr()) {
                    say("flight recording: " + runDir.resolve("drift-detector.jfr")
                            + " (e.g. jfr print --events jdk.ExecutionSample …)");
                }
                say("logs under " + logs);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (fleet != null) {
                fleet.close();
            }
            kafka.close();
        }
    }

    /** The reference profile and a placeholder model artifact in the store, and champion v1 pointing at them. */
    static ModelPromoted champion(ModelSpec spec, LocalArtifactStore store, long seed) {
        ReferenceProfile profile = WideTraffic.profile(seed + 1, 20_000, spec.drift().referenceSampleSize());
        ArtifactRef profileRef = store.put(DatasetCodec.encode(profile), ReferenceProfile.FORMAT);
        // the drift-detector reads the champion's version and profile only; no model is trained here
        ArtifactRef model = store.put("benchmark champion: no network".getBytes(StandardCharsets.UTF_8), "bench-placeholder");
        return new ModelPromoted(spec.name(), 1, null, model, profile.datasetId(), ModelSpecs.hash(spec), Map.of(),
                "benchmark champion", Instant.now(), spec.name() + "-bench-candidate", profileRef).validate();
    }

    /** The spec and the champion as the registry publishes them, then the inference events as fast as the producer goes. */
    private static void produce(String bootstrap, ModelSpec spec, ModelPromoted champion, Options o) {
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(), new StringSerializer())) {
            // the spec document itself: a consumer built against another version of the contracts parses it alike
            producer.send(catalogRecord(Topics.MODEL_SPECS, spec.name(), WideTraffic.spec(o.windowSize())))
                    .get(30, TimeUnit.SECONDS);
            producer.send(catalogRecord(Topics.MODEL_PROMOTED, spec.name(), Json.encode(champion))).get(30, TimeUnit.SECONDS);
            say("published spec " + spec.name() + " (" + spec.features().size() + " features, window "
                    + spec.drift().windowSize() + ") and champion v1 with its reference profile " + champion.profile().uri());

            WideTraffic traffic = new WideTraffic(o.seed());
            Instant base = Instant.now().minusMillis(o.events());
            long shiftAt = o.events() / 2;
            long start = System.nanoTime();
            for (long i = 0; i < o.events(); i++) {
                String json = Json.encode(traffic.event(i, i >= shiftAt, base.plusMillis(i)));
                producer.send(new ProducerRecord<>(Topics.INFERENCE, WideTraffic.MODEL, json), (md, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    }
                });
                if ((i + 1) % 200_000 == 0) {
                    say(String.format("%,d inference events sent", i + 1));
                }
            }
            producer.flush();
            if (failed.get() != null) {
                throw new IllegalStateException("producing inference events failed", failed.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            say(String.format("produced %,d inference events to %s in %.1f s (the world shifts after %,d)",
                    o.events(), Topics.INFERENCE, seconds, shiftAt));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish the spec or the champion", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ProducerRecord<String, String> catalogRecord(String topic, String model, String json) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, model, json);
        r.headers().add(EventHeaders.CE_SPECVERSION, bytes("1.0"));
        r.headers().add(EventHeaders.CE_ID, bytes(UUID.randomUUID().toString()));
        r.headers().add(EventHeaders.CE_TYPE, bytes(EventHeaders.ceType(topic)));
        r.headers().add(EventHeaders.CE_SOURCE, bytes("/driftloop/bench-drift-throughput"));
        r.headers().add(EventHeaders.CE_SUBJECT, bytes(model));
        return r;
    }

    private static ServiceFleet.Service detector(Options o, Path runDir) {
        ServiceFleet.Service defaults = ServiceFleet.defaults().stream().filter(s -> s.name().equals("drift-detector"))
                .findFirst().orElseThrow();
        List<String> jvm = new ArrayList<>(defaults.jvmArgs());
        if (o.jfr()) {
            jvm.add("-XX:StartFlightRecording=filename=" + runDir.resolve("drift-detector.jfr")
                    + ",settings=profile,dumponexit=true");
        }
        jvm.addAll(o.detectorJvmArgs());
        return new ServiceFleet.Service(defaults.name(), freePort(), jvm);
    }

    /**
     * A copy of the drift-detector's build output under {@code dir}, laid out as in the repository,
     * so a rebuild while the benchmark runs cannot change the classes under measurement.
     */
    private static Path snapshot(Path repo, Path dir) {
        Path app = Path.of("services", "drift-detector", "target", "quarkus-app");
        Path source = repo.resolve(app);
        Path jar = source.resolve("app/drift-detector-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(source.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(source + " is missing: build it with "
                    + "./mvnw -B -o -q package -DskipTests -f services/drift-detector/pom.xml");
        }
        try (var files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = dir.resolve(app).resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            if (Files.exists(jar)) {
                say("measuring the drift-detector built at " + Files.getLastModifiedTime(jar) + " (copied to " + dir + ")");
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source, e);
        }
    }

    private static void awaitDone(Options o, ServiceFleet fleet, CommitWatcher commits, StatsCounter stats,
                                  String bootstrap) {
        long deadline = System.nanoTime() + o.timeout().toNanos();
        long nextReport = System.nanoTime();
        while (commits.done() == null) {
            if (!fleet.allAlive()) {
                throw new IllegalStateException("the drift-detector stopped; see its log");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the drift-detector did not consume " + o.events() + " events within "
                        + o.timeout() + "; committed " + commits.committed());
            }
            if (System.nanoTime() >= nextReport) {
                long deadLettered = deadLettered(bootstrap);
                if (deadLettered > 0) {
                    throw new IllegalStateException(deadLettered + " inference events were dead-lettered to "
                            + Topics.deadLetter(Topics.INFERENCE) + "; see the drift-detector's log");
                }
                say(String.format("group %s committed %,d of %,d; %,d windows evaluated", GROUP, commits.committed(),
                        commits.end(), stats.windows()));
                nextReport = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            }
            pause(100);
        }
        say(String.format("group %s committed the end offsets (%,d)", GROUP, commits.end()));
    }

    /** The events were evaluated, not skipped: one full evaluation per window, nothing dead-lettered. */
    private static void check(Options o, StatsCounter stats, long expected, long deadLettered) {
        if (!stats.problems().isEmpty()) {
            throw new IllegalStateException("statistics of partial evaluations: " + stats.problems().subList(0,
                    Math.min(5, stats.problems().size())));
        }
        if (stats.windows() != expected) {
            throw new IllegalStateException(String.format("%,d windows evaluated, expected %,d (%,d events / %d): events "
                    + "were skipped or windows discarded; see the drift-detector's log", stats.windows(), expected,
                    o.events(), o.windowSize()));
        }
        if (deadLettered > 0) {
            throw new IllegalStateException(deadLettered + " inference events were dead-lettered to "
                    + Topics.deadLetter(Topics.INFERENCE));
        }
        say(String.format("verified: %,d windows fully evaluated (%d features each), %,d drifted, none dead-lettered",
                stats.windows(), WideTraffic.NUMERIC + WideTraffic.CATEGORICAL, stats.drifted()));
    }

    private static long deadLettered(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            String dlq = Topics.deadLetter(Topics.INFERENCE);
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(dlq)) {
                return 0;
            }
            return CommitWatcher.endOffsets(admin, dlq);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void recreate(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (var files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }

    private static void say(String line) {
        double t = Duration.between(STARTED, Instant.now()).toMillis() / 1000.0;
        System.out.printf("[%6.1fs] %s%n", t, line);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
