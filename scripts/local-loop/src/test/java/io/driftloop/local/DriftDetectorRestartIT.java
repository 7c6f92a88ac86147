package io.driftloop.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.artifacts.LocalArtifactStore;
import io.driftloop.contracts.dataset.DatasetCodec;
import io.driftloop.contracts.dataset.NumericProfile;
import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.infra.kafka.KafkaCluster;
import io.driftloop.infra.kafka.TopicProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The drift-detector is killed (SIGKILL, no shutdown hook) with a window half full, and started
 * again: it resumes the window from its checkpoint on ct.drift.state.v1 — the next statistics cover
 * the events before and after the kill, each once, although the champion table replays an earlier
 * champion first — and does not alarm again for the window it had already evaluated.
 */
class DriftDetectorRestartIT {

    private static final String MODEL = "restart-check";
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final ObjectMapper TREE = new ObjectMapper();

    static KafkaCluster kafka;
    static Path runDir;
    static Path repo;

    @BeforeAll
    static void startTheBroker() throws IOException {
        repo = Path.of(System.getProperty("driftloop.repo", "../..")).toAbsolutePath().normalize();
        runDir = Files.createTempDirectory("driftloop-restart-");
        kafka = KafkaCluster.startForTests();
    }

    @AfterAll
    static void stopTheBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aKilledDriftDetectorResumesItsWindowWithoutLosingOrRecountingEventsAndWithoutAlarmingTwice() {
        try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers())) {
            registerModelWithChampion(probe);
            int port = freePort();
            ServiceFleet first = startDetector(port, "first");
            try {
                send(probe, 0, 500);
                DriftStats firstWindow = Json.decode(probe.await(Topics.DRIFT_STATS, r -> MODEL.equals(r.key()),
                        Duration.ofSeconds(60)).value(), DriftStats.class);
                assertThat(firstWindow.drifted()).isTrue();
                probe.await(Topics.RETRAIN_REQUESTED, r -> MODEL.equals(r.key()), Duration.ofSeconds(30));

                send(probe, 500, 800);
                // the detector's own signal: a checkpoint holding the 300 events of the open window
                probe.await("ct.drift.state.v1", r -> openWindowSize(r) == 300, Duration.ofSeconds(60));
            } finally {
                first.kill();
            }

            send(probe, 800, 1000);
            ServiceFleet second = startDetector(port, "second");
            try {
                List<ConsumerRecord<String, String>> stats = probe.readUntil(Topics.DRIFT_STATS,
                        rs -> rs.stream().filter(r -> MODEL.equals(r.key())).count() >= 2, Duration.ofSeconds(90));
                DriftStats secondWindow = Json.decode(stats.get(stats.size() - 1).value(), DriftStats.class);
                assertThat(secondWindow.sampleSize()).isEqualTo(500);
                assertThat(secondWindow.windowStart()).as("the window began before the kill").isEqualTo(T0.plusSeconds(500));
                assertThat(secondWindow.windowEnd()).isEqualTo(T0.plusSeconds(999));
                assertThat(secondWindow.drifted()).isTrue();

                // a checkpoint taken after the second window's statistics is taken after its decision was made
                probe.await("ct.drift.state.v1", r -> openWindowSize(r) == 0
                        && savedAt(r).isAfter(secondWindow.computedAt()), Duration.ofSeconds(60));
                List<ConsumerRecord<String, String>> all = probe.readAll(Topics.DRIFT_STATS);
                assertThat(all.stream().filter(r -> MODEL.equals(r.key()))).as("each window evaluated once").hasSize(2);
                List<ConsumerRecord<String, String>> requests = probe.readAll(Topics.RETRAIN_REQUESTED);
                assertThat(requests.stream().filter(r -> MODEL.equals(r.key())))
                        .as("the drift alarm after the restart is folded into the open request").hasSize(1);
                assertThat(second.allAlive()).isTrue();
            } finally {
                second.close();
            }
        }
    }

    private static ServiceFleet startDetector(int port, String run) {
        ServiceFleet.Service detector = new ServiceFleet.Service("drift-detector", port, List.of("-Xmx256m",
                "-XX:+UseSerialGC", "-Ddriftloop.drift-detector.checkpoint-interval=PT0.5S",
                // the killed member holds its partitions until its session times out: keep that short
                "-Dmp.messaging.incoming.inference.session.timeout.ms=6000"));
        return ServiceFleet.start(repo, List.of(detector), kafka::client, runDir.resolve("artifacts"),
                repo.resolve("scripts/local-loop/target/restart-logs/" + run), Duration.ofMinutes(2),
                line -> System.out.println("[restart] " + line));
    }

    /** Events {@code from} until {@code to}, all far from the reference: every window drifts. */
    private static void send(TopicProbe probe, int from, int to) {
        Random random = new Random(from);
        for (int i = from; i < to; i++) {
            InferenceEvent e = new InferenceEvent(MODEL, "req-" + i, T0.plusSeconds(i), 2,
                    Map.of("x", 4 + random.nextGaussian(), "y", 4 + random.nextGaussian(), "c", "z"), Map.of(), 1, 0.9);
            probe.sendAsync(Topics.INFERENCE, MODEL, Json.encode(e));
        }
        probe.flush();
    }

    private static void registerModelWithChampion(TopicProbe probe) {
        var spec = ModelSpecs.parse("""
                name: restart-check
                task: binary-classification
                label: outcome
                features: [{name: x, type: numeric}, {name: y, type: numeric}, {name: c, type: categorical, values: [a, b]}]
                drift: {windowSize: 500, hysteresis: 1}
                """);
        probe.send(Topics.MODEL_SPECS, MODEL, Json.encode(spec));
        double[] sample = new Random(1).doubles(200).map(u -> u * 2 - 1).sorted().toArray();
        ReferenceProfile profile = new ReferenceProfile(MODEL, "ds-1", 200,
                Map.of("x", new NumericProfile(200, 0, 0.58, sample), "y", new NumericProfile(200, 0, 0.58,
                        Arrays.copyOf(sample, sample.length))),
                Map.of("c", Map.of("a", 100L, "b", 100L)));
        LocalArtifactStore store = new LocalArtifactStore(runDir.resolve("artifacts"));
        ArtifactRef profileRef = store.put(DatasetCodec.encode(profile), ReferenceProfile.FORMAT);
        ArtifactRef model = store.put(new byte[] {1, 2, 3}, "dl4j-multilayer");
        // two promotions: on start the champion table replays v1 before v2, and v2's window must survive that
        probe.send(Topics.MODEL_PROMOTED, MODEL, Json.encode(new ModelPromoted(MODEL, 1, null, model, "ds-1",
                ModelSpecs.hash(spec), Map.of(), "first champion", T0, "cand-1", profileRef)));
        probe.send(Topics.MODEL_PROMOTED, MODEL, Json.encode(new ModelPromoted(MODEL, 2, 1, model, "ds-1",
                ModelSpecs.hash(spec), Map.of(), "second champion", T0.plusSeconds(1), "cand-2", profileRef)));
    }

    /** Events in the open window of a checkpoint of the model; -1 for other records. */
    private static int openWindowSize(ConsumerRecord<String, String> r) {
        if (!MODEL.equals(r.key()) || r.value() == null) {
            return -1;
        }
        try {
            JsonNode window = TREE.readTree(r.value()).path("state").path("window");
            return window.isMissingNode() || window.isNull() ? 0 : window.path("size").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant savedAt(ConsumerRecord<String, String> r) {
        try {
            return Instant.parse(TREE.readTree(r.value()).path("savedAt").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
