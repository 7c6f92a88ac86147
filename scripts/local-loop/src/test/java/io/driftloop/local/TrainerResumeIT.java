package io.driftloop.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.Hashing;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.artifacts.LocalArtifactStore;
import io.driftloop.contracts.dataset.Dataset;
import io.driftloop.contracts.dataset.DatasetCodec;
import io.driftloop.contracts.dataset.DatasetRow;
import io.driftloop.contracts.dataset.Split;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.events.OffsetRange;
import io.driftloop.contracts.events.RetrainTrigger;
import io.driftloop.contracts.events.SplitCounts;
import io.driftloop.contracts.events.TrainingProgress;
import io.driftloop.contracts.events.TrialCheckpointed;
import io.driftloop.contracts.events.TrialRequested;
import io.driftloop.contracts.model.ModelArtifactCodec;
import io.driftloop.contracts.spec.ModelSpec;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A search spread over the trainer group: one trainer alone, then two sharing the trials of one
 * search, then two of which the one coordinating a search is killed (SIGKILL) mid-search. The
 * survivor takes the search over from ct.training.trials.v1 — trials answered before the kill (the
 * baseline among them) are not trained again, the interrupted trial goes on from its latest
 * checkpoint — and every search hands on byte for byte the network the lone trainer's did,
 * announced once.
 */
class TrainerResumeIT {

    private static final Duration WAIT = Duration.ofMinutes(3);

    static KafkaCluster kafka;
    static Path runDir;
    static Path repo;

    @BeforeAll
    static void startTheBroker() throws IOException {
        repo = Path.of(System.getProperty("driftloop.repo", "../..")).toAbsolutePath().normalize();
        runDir = Files.createTempDirectory("driftloop-resume-");
        kafka = KafkaCluster.startForTests();
    }

    @AfterAll
    static void stopTheBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aSearchSpreadOverTwoTrainersSurvivesTheKillOfItsCoordinatorAndHandsOnTheSameNetwork() throws IOException {
        LocalArtifactStore store = new LocalArtifactStore(runDir.resolve("artifacts"));
        List<ServiceFleet> fleets = new ArrayList<>();
        try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers())) {
            DatasetReady alone = register(probe, store, "search-one");
            DatasetReady shared = register(probe, store, "search-two");
            DatasetReady interrupted = register(probe, store, "search-killed");

            ServiceFleet a = startTrainer("a");
            fleets.add(a);
            long t0 = System.nanoTime();
            probe.send(Topics.DATASET_READY, alone.model(), Json.encode(alone));
            byte[] reference = network(store, awaitTrained(probe, alone));
            double oneTrainer = (System.nanoTime() - t0) / 1e9;

            ServiceFleet b = startTrainer("b");
            fleets.add(b);
            t0 = System.nanoTime();
            probe.send(Topics.DATASET_READY, shared.model(), Json.encode(shared));
            assertThat(network(store, awaitTrained(probe, shared))).as("two trainers' network").isEqualTo(reference);
            double twoTrainers = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "[resume] one search of 3,000 rows: one trainer %.1f s, two trainers %.1f s%n",
                    oneTrainer, twoTrainers);
            assertThat(log("a")).anyMatch(l -> l.contains("training trial") && l.contains("of search-two"));
            assertThat(log("b")).anyMatch(l -> l.contains("training trial") && l.contains("of search-two"));

            probe.send(Topics.DATASET_READY, interrupted.model(), Json.encode(interrupted));
            // the trainers' own signal: a trial asked for the second rung (9 epochs, asked once the
            // baseline, the first rung and the warm start are done) has checkpointed its end
            probe.readUntil(Topics.TRAINING_TRIALS, records -> {
                List<String> secondRung = records.stream().map(r -> Json.decode(r.value(), TrialRequested.class))
                        .filter(r -> TrialRequested.KIND.equals(r.kind()) && interrupted.eventId().equals(r.causationId())
                                && r.epoch() == 9)
                        .map(TrialRequested::trialId).toList();
                return checkpoints(records, interrupted).stream()
                        .anyMatch(c -> c.epoch() == 9 && secondRung.contains(c.trialId()));
            }, WAIT);
            String coordinator = log("a").stream().anyMatch(l -> l.contains("training candidates")
                    && l.contains("of search-killed")) ? "a" : "b";
            String survivor = coordinator.equals("a") ? "b" : "a";
            (coordinator.equals("a") ? a : b).kill();

            ModelTrained resumed = awaitTrained(probe, interrupted);
            assertThat(network(store, resumed)).as("the network of the search taken over").isEqualTo(reference);
            assertThat(log(survivor)).as("the survivor took the search over")
                    .anyMatch(l -> l.contains("training candidates") && l.contains("of search-killed"));
            assertThat(probe.readAll(Topics.MODEL_TRAINED).stream().map(TrainerResumeIT::trained)
                    .filter(t -> interrupted.eventId().equals(t.causationId()))).as("announced once").hasSize(1);
            assertThat(resumed.trials()).hasSize(1 + 9).extracting(t -> t.candidateId()).doesNotHaveDuplicates();

            List<TrainingProgress> progress = probe.readAll(Topics.TRAINING_PROGRESS).stream()
                    .map(r -> Json.decode(r.value(), TrainingProgress.class))
                    .filter(p -> interrupted.eventId().equals(p.causationId())).toList();
            // the baseline (30 epochs, done before the second rung was asked for) is not trained again
            String baseline = resumed.trials().get(0).candidateId();
            assertThat(progress).filteredOn(p -> baseline.equals(p.candidateId())).hasSize(30);
            // only the epochs since the interrupted trial's last checkpoint (every 3) are trained twice
            Map<String, Long> timesPublished = progress.stream()
                    .collect(Collectors.groupingBy(TrainingProgress::eventId, Collectors.counting()));
            assertThat(timesPublished.values().stream().filter(n -> n > 1).count())
                    .as("epochs trained again after the kill").isLessThan(3);
        } finally {
            fleets.forEach(ServiceFleet::close);
        }
    }

    private static List<TrialCheckpointed> checkpoints(List<ConsumerRecord<String, String>> records, DatasetReady of) {
        return records.stream().map(r -> Json.decode(r.value(), TrialCheckpointed.class))
                .filter(c -> TrialCheckpointed.KIND.equals(c.kind()) && of.eventId().equals(c.causationId())).toList();
    }

    private static ModelTrained awaitTrained(TopicProbe probe, DatasetReady ready) {
        return trained(probe.await(Topics.MODEL_TRAINED, r -> ready.eventId().equals(trained(r).causationId()), WAIT));
    }

    private static byte[] network(LocalArtifactStore store, ModelTrained trained) {
        return ModelArtifactCodec.decode(store.get(trained.artifact())).network();
    }

    /** A spec of {@code model} and a dataset of 3,000 rows (the same rows for every model), announced ready. */
    private static DatasetReady register(TopicProbe probe, LocalArtifactStore store, String model) {
        ModelSpec spec = ModelSpecs.parse("""
                name: %s
                task: binary-classification
                features:
                  - {name: x, type: numeric}
                  - {name: y, type: numeric}
                  - {name: c, type: categorical, values: [a, b, c]}
                training: {hiddenLayers: [16], maxEpochs: 30, patience: 30, batchSize: 64, seed: 3,
                           search: {trials: 9, minEpochs: 3}}
                """.formatted(model));
        String specHash = ModelSpecs.hash(spec);
        probe.send(Topics.MODEL_SPECS, model, Json.encode(spec));
        Random random = new Random(11);
        List<DatasetRow> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            double x = random.nextGaussian();
            double y = random.nextGaussian();
            String c = List.of("a", "b", "c").get(random.nextInt(3));
            int label = x * y + (c.equals("a") ? 0.5 : -0.2) + 0.5 * random.nextGaussian() > 0 ? 1 : 0;
            Split split = i % 10 < 7 ? Split.TRAIN : i % 10 < 9 ? Split.VALIDATION : Split.TEST;
            rows.add(new DatasetRow("r-" + i, 0, i, split, Map.of("x", x, "y", y, "c", c), Map.of(), label));
        }
        Dataset dataset = new Dataset(model, specHash, List.of(new OffsetRange(Topics.EXAMPLES, 0, 0, 3000)), rows);
        byte[] bytes = DatasetCodec.encode(dataset);
        ArtifactRef ref = store.put(bytes, Dataset.FORMAT);
        return new DatasetReady(UUID.randomUUID().toString(), UUID.randomUUID().toString(), model,
                Hashing.contentId(bytes), ref, null, specHash, dataset.offsets(),
                new SplitCounts(dataset.split(Split.TRAIN).size(), dataset.split(Split.VALIDATION).size(),
                        dataset.split(Split.TEST).size()), RetrainTrigger.BOOTSTRAP, "bootstrap", Instant.now());
    }

    private static ServiceFleet startTrainer(String member) {
        ServiceFleet.Service trainer = new ServiceFleet.Service("trainer", freePort(), List.of("-Xmx512m",
                "-XX:+UseSerialGC", "-Dorg.bytedeco.javacpp.maxbytes=1G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=2G",
                "-Ddriftloop.trainer.checkpoint-every=3",
                // a killed member holds its partitions until its session times out: keep that short
                "-Dmp.messaging.incoming.datasets.session.timeout.ms=6000",
                "-Dmp.messaging.incoming.trial-requests.session.timeout.ms=6000"));
        return ServiceFleet.start(repo, List.of(trainer), kafka::client, runDir.resolve("artifacts"), logs(member),
                Duration.ofMinutes(2), line -> System.out.println("[resume] " + member + ": " + line));
    }

    private static Path logs(String member) {
        return repo.resolve("scripts/local-loop/target/resume-logs/" + member);
    }

    private static List<String> log(String member) {
        try {
            return Files.readAllLines(logs(member).resolve("trainer.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ModelTrained trained(ConsumerRecord<String, String> r) {
        return Json.decode(r.value(), ModelTrained.class);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
