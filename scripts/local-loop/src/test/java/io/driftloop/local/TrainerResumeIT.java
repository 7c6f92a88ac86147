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
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trainer is killed (SIGKILL) in the middle of a search and started again: every trial goes on
 * from its latest checkpoint on ct.training.trials.v1 — the baseline, finished before the kill, is
 * not trained again — and the search hands on a network byte for byte the one an uninterrupted
 * search of the same rows gives, announced once.
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
    void aTrainerKilledMidSearchResumesEachTrialFromItsCheckpointAndHandsOnTheSameNetwork() throws IOException {
        LocalArtifactStore store = new LocalArtifactStore(runDir.resolve("artifacts"));
        try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers())) {
            DatasetReady uninterrupted = register(probe, store, "resume-a");
            DatasetReady interrupted = register(probe, store, "resume-b");
            int port = freePort();

            ServiceFleet first = startTrainer(port, "first");
            byte[] reference;
            try {
                probe.send(Topics.DATASET_READY, uninterrupted.model(), Json.encode(uninterrupted));
                ModelTrained a = trained(probe.await(Topics.MODEL_TRAINED,
                        r -> uninterrupted.eventId().equals(trained(r).causationId()), WAIT));
                reference = ModelArtifactCodec.decode(store.get(a.artifact())).network();

                probe.send(Topics.DATASET_READY, interrupted.model(), Json.encode(interrupted));
                // the trainer's own signal: a raced trial has finished its second rung (9 epochs); the
                // baseline, trained first, is the first trial to checkpoint
                probe.readUntil(Topics.TRAINING_TRIALS, records -> {
                    List<TrialCheckpointed> ofB = records.stream()
                            .map(r -> Json.decode(r.value(), TrialCheckpointed.class))
                            .filter(c -> interrupted.eventId().equals(c.causationId())).toList();
                    return ofB.stream().anyMatch(c -> c.epoch() == 9 && !c.trialId().equals(ofB.get(0).trialId()));
                }, WAIT);
            } finally {
                first.kill();
            }
            List<ConsumerRecord<String, String>> before = probe.readAll(Topics.TRAINING_PROGRESS);

            ServiceFleet second = startTrainer(port, "second");
            try {
                ModelTrained b = trained(probe.await(Topics.MODEL_TRAINED,
                        r -> interrupted.eventId().equals(trained(r).causationId()), WAIT));
                assertThat(ModelArtifactCodec.decode(store.get(b.artifact())).network())
                        .as("the network of the resumed search").isEqualTo(reference);

                List<ModelTrained> announced = probe.readAll(Topics.MODEL_TRAINED).stream().map(TrainerResumeIT::trained)
                        .filter(t -> interrupted.eventId().equals(t.causationId())).toList();
                assertThat(announced).hasSize(1);

                // the baseline (30 epochs, checkpointed before the kill) is not trained again
                String baseline = b.trials().get(0).candidateId();
                assertThat(b.trials().get(0).kind()).isEqualTo("baseline");
                List<TrainingProgress> baselineEpochs = probe.readAll(Topics.TRAINING_PROGRESS).stream()
                        .map(r -> Json.decode(r.value(), TrainingProgress.class))
                        .filter(p -> baseline.equals(p.candidateId())).toList();
                assertThat(baselineEpochs).hasSize(30);
                long resumedTrials = Files.readAllLines(repo.resolve(
                        "scripts/local-loop/target/resume-logs/second/trainer.log")).stream()
                        .filter(l -> l.contains("resumes from its checkpoint")).count();
                assertThat(resumedTrials).as("trials resumed from a checkpoint").isGreaterThanOrEqualTo(10);
                assertThat(probe.readAll(Topics.TRAINING_PROGRESS)).as("progress went on after the restart")
                        .hasSizeGreaterThan(before.size());
            } finally {
                second.close();
            }
        }
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

    private static ServiceFleet startTrainer(int port, String run) {
        ServiceFleet.Service trainer = new ServiceFleet.Service("trainer", port, List.of("-Xmx512m",
                "-XX:+UseSerialGC", "-Dorg.bytedeco.javacpp.maxbytes=1G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=2G",
                "-Ddriftloop.trainer.checkpoint-every=3",
                // the killed member holds its partitions until its session times out: keep that short
                "-Dmp.messaging.incoming.datasets.session.timeout.ms=6000"));
        return ServiceFleet.start(repo, List.of(trainer), kafka::client, runDir.resolve("artifacts"),
                repo.resolve("scripts/local-loop/target/resume-logs/" + run), Duration.ofMinutes(2),
                line -> System.out.println("[resume] " + line));
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
