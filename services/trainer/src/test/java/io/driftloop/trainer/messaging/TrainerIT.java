package io.driftloop.trainer.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.EventHeaders;
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
import io.driftloop.contracts.model.ModelArtifact;
import io.driftloop.contracts.model.ModelArtifactCodec;
import io.driftloop.contracts.model.TrialReport;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.infra.kafka.KafkaTestResource;
import io.driftloop.infra.kafka.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class TrainerIT {

    @jakarta.inject.Inject
    @org.eclipse.microprofile.health.Readiness
    io.driftloop.kit.DeliveryReadiness delivery;

    @org.junit.jupiter.api.Test
    void everyProducerWaitsForAllInSyncReplicasAndIsIdempotent() {
        org.assertj.core.api.Assertions.assertThat(delivery.problems("progress", "models", "trials", "dead-letters")).isEmpty();
    }

    static final Duration WAIT = Duration.ofSeconds(120);

    @ConfigProperty(name = "driftloop.artifacts.dir")
    String artifacts;

    @ConfigProperty(name = "quarkus.application.version")
    String version;

    TopicProbe kafka;
    LocalArtifactStore store;

    @BeforeEach
    void connect() {
        kafka = new TopicProbe(KafkaTestResource.cluster().bootstrapServers());
        store = new LocalArtifactStore(Path.of(artifacts));
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    /** Rows whose label is x + y > 0 (c is noise); 70% train, 20% validation, 10% test. */
    static Dataset dataset(String model, String specHash, int rows, long seed) {
        Random random = new Random(seed);
        List<DatasetRow> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            double x = random.nextGaussian() * 10 + 3;
            double y = random.nextGaussian() * 10 - 3;
            Split split = i % 10 < 7 ? Split.TRAIN : i % 10 < 9 ? Split.VALIDATION : Split.TEST;
            out.add(new DatasetRow("r-" + seed + "-" + i, 0, i, split,
                    Map.of("x", x, "y", y, "c", random.nextBoolean() ? "a" : "b"), Map.of("g", i % 2 == 0 ? "f" : "m"),
                    x + y > 0 ? 1 : 0));
        }
        return new Dataset(model, specHash, List.of(new OffsetRange(Topics.EXAMPLES, 0, 0, rows)), out);
    }

    DatasetReady ready(Dataset dataset, String specHash) {
        byte[] bytes = DatasetCodec.encode(dataset);
        ArtifactRef ref = store.put(bytes, Dataset.FORMAT);
        return new DatasetReady(UUID.randomUUID().toString(), UUID.randomUUID().toString(), dataset.model(),
                Hashing.contentId(bytes), ref, null, specHash, dataset.offsets(),
                new SplitCounts(dataset.split(Split.TRAIN).size(), dataset.split(Split.VALIDATION).size(),
                        dataset.split(Split.TEST).size()),
                RetrainTrigger.BOOTSTRAP, "bootstrap: no champion yet", Instant.now());
    }

    static ModelTrained decode(ConsumerRecord<String, String> record) {
        return Json.decode(record.value(), ModelTrained.class);
    }

    @Test
    void trainsEachDatasetOnceAnnouncesEveryEpochAndALoadableModelAndDeadLettersGarbage() throws Exception {
        String model = "train-" + UUID.randomUUID().toString().substring(0, 8);
        ModelSpec spec = ModelSpecs.parse("""
                name: %s
                task: binary-classification
                features:
                  - {name: x, type: numeric}
                  - {name: y, type: numeric}
                  - {name: c, type: categorical, values: [a, b]}
                attributes:
                  - {name: g, sensitive: true}
                training: {hiddenLayers: [8], maxEpochs: 15, patience: 3, batchSize: 32, learningRate: 0.05, seed: 5,
                           search: {trials: 3, minEpochs: 2, hiddenLayers: [[8], [4]], learningRate: [0.05, 0.02],
                                    l2: [0], dropout: [0]}}
                """.formatted(model));
        String specHash = ModelSpecs.hash(spec);
        kafka.send(Topics.MODEL_SPECS, model, Json.encode(spec));

        Dataset first = dataset(model, specHash, 400, 1);
        DatasetReady firstReady = ready(first, specHash);
        kafka.send(Topics.DATASET_READY, model, Json.encode(firstReady));

        ConsumerRecord<String, String> trainedRecord = kafka.await(Topics.MODEL_TRAINED,
                r -> firstReady.eventId().equals(decode(r).causationId()), WAIT);
        ModelTrained trained = decode(trainedRecord).validate();

        // lineage and figures
        assertThat(trainedRecord.key()).isEqualTo(model);
        assertThat(trained.model()).isEqualTo(model);
        assertThat(trained.candidateId()).matches("sha256:[0-9a-f]{64}");
        assertThat(trained.datasetId()).isEqualTo(firstReady.datasetId());
        assertThat(trained.dataset()).isEqualTo(firstReady.dataset());
        assertThat(trained.offsets()).isEqualTo(firstReady.offsets());
        assertThat(trained.specHash()).isEqualTo(specHash);
        assertThat(trained.trigger()).isEqualTo(RetrainTrigger.BOOTSTRAP);
        assertThat(trained.reason()).isEqualTo(firstReady.reason());
        assertThat(trained.seed()).isEqualTo(5L);
        assertThat(trained.codeVersion()).isEqualTo(version);
        assertThat(trained.hyperparameters()).containsEntry("batchSize", 32).containsEntry("maxEpochs", 15)
                .containsEntry("patience", 3).containsKeys("hiddenLayers", "learningRate", "epochsRun", "bestEpoch");
        assertThat(trained.hyperparameters().get("hiddenLayers")).isIn(List.of(), List.of(8), List.of(4));

        // the search: the baseline and three raced trials, one chosen, the trial report stored and referenced
        assertThat(trained.trials()).hasSize(4).filteredOn(t -> t.chosen()).singleElement()
                .satisfies(t -> assertThat(t.candidateId()).isEqualTo(trained.candidateId()));
        assertThat(trained.trials().get(0).kind()).isEqualTo("baseline");
        assertThat(trained.trialReport().format()).isEqualTo(TrialReport.FORMAT);
        byte[] reportBytes = store.get(trained.trialReport());
        assertThat(Hashing.sha256Hex(reportBytes)).isEqualTo(trained.trialReport().sha256());
        TrialReport report = Json.decode(new String(reportBytes, java.nio.charset.StandardCharsets.UTF_8), TrialReport.class);
        assertThat(report.winner()).isEqualTo(trained.candidateId());
        assertThat(report.datasetId()).isEqualTo(firstReady.datasetId());
        assertThat(report.rungs()).containsExactly(2, 15);
        assertThat(report.trials()).hasSize(4).allSatisfy(t -> assertThat(t.curve()).isNotEmpty());
        assertThat(trained.trainingMetrics()).containsEntry("trials", 4.0);

        // each trial checkpointed at its rung ends (2 and 15 epochs, or where early stopping ended it)
        List<io.driftloop.contracts.events.TrialCheckpointed> checkpoints = kafka.readUntil(Topics.TRAINING_TRIALS,
                        rs -> rs.stream().anyMatch(r -> trained.candidateId().equals(r.key())), WAIT).stream()
                .filter(r -> trained.candidateId().equals(r.key()))
                .map(r -> Json.decode(r.value(), io.driftloop.contracts.events.TrialCheckpointed.class))
                .filter(c -> io.driftloop.contracts.events.TrialCheckpointed.KIND.equals(c.kind())).toList();
        // the trials were asked of the trainer group: a request for each rung of the chosen trial
        assertThat(kafka.readAll(Topics.TRAINING_TRIALS)).filteredOn(r -> trained.candidateId().equals(r.key())
                && r.value().contains("\"kind\":\"request\"")).isNotEmpty();
        assertThat(checkpoints).isNotEmpty().allSatisfy(c -> {
            assertThat(c.causationId()).isEqualTo(firstReady.eventId());
            assertThat(Hashing.sha256Hex(store.get(c.checkpoint()))).isEqualTo(c.checkpoint().sha256());
        });
        assertThat(checkpoints.get(0).epoch()).as("a raced trial's first rung, or the baseline's first 5 epochs").isIn(2, 5);
        int epochsRun = ((Number) trained.hyperparameters().get("epochsRun")).intValue();
        assertThat(trained.trainingMetrics()).containsKeys("trainLoss", "validationLoss", "bestEpoch", "epochs", "seconds")
                .containsEntry("trainRows", 280.0);
        assertThat(trained.trainingMetrics().get("validationAccuracy")).isGreaterThan(0.85);

        // CloudEvents headers
        assertThat(TopicProbe.header(trainedRecord, EventHeaders.CE_ID)).contains(trained.eventId());
        assertThat(TopicProbe.header(trainedRecord, EventHeaders.CE_TYPE)).contains("io.driftloop.model.trained.v1");
        assertThat(TopicProbe.header(trainedRecord, EventHeaders.CE_SOURCE)).contains("/driftloop/trainer");
        assertThat(TopicProbe.header(trainedRecord, EventHeaders.CE_SUBJECT)).contains(model);
        assertThat(TopicProbe.header(trainedRecord, EventHeaders.CE_SPECVERSION)).isPresent();
        assertThat(TopicProbe.header(trainedRecord, EventHeaders.CE_TIME)).isPresent();
        assertThat(TopicProbe.header(trainedRecord, EventHeaders.CE_CAUSATION_ID)).contains(firstReady.eventId());

        // the artifact loads, matches its hash, and scores the held-out test rows well
        byte[] bytes = store.get(trained.artifact());
        assertThat(Hashing.sha256Hex(bytes)).isEqualTo(trained.artifact().sha256());
        assertThat(trained.artifact().format()).isEqualTo(ModelArtifact.FORMAT);
        ModelArtifact artifact = ModelArtifactCodec.decode(bytes);
        assertThat(artifact.model()).isEqualTo(model);
        assertThat(artifact.candidateId()).isEqualTo(trained.candidateId());
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(artifact.network()), false);
        List<DatasetRow> test = first.split(Split.TEST);
        float[] x = artifact.encoding().encodeAll(test.stream().map(DatasetRow::features).toList());
        INDArray p = net.output(Nd4j.create(x, new long[] {test.size(), artifact.encoding().width()}, DataType.FLOAT));
        int hits = 0;
        for (int i = 0; i < test.size(); i++) {
            hits += (p.getFloat(i, 1) >= 0.5f ? 1 : 0) == test.get(i).label() ? 1 : 0;
        }
        assertThat(hits / (double) test.size()).isGreaterThan(0.8);

        // one progress event per epoch
        List<TrainingProgress> progress = kafka.readUntil(Topics.TRAINING_PROGRESS,
                        rs -> rs.stream().filter(r -> r.value().contains(trained.candidateId())).count() >= epochsRun, WAIT)
                .stream().map(r -> Json.decode(r.value(), TrainingProgress.class))
                .filter(e -> e.candidateId().equals(trained.candidateId())).toList();
        assertThat(progress).extracting(TrainingProgress::epoch).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, epochsRun).boxed().toList());
        assertThat(progress).allSatisfy(e -> {
            assertThat(e.causationId()).isEqualTo(firstReady.eventId());
            assertThat(e.maxEpochs()).isEqualTo(15);
            assertThat(e.validationLoss()).isNotNull();
            assertThat(e.validationAccuracy()).isBetween(0.0, 1.0);
            assertThat(e.layers()).isNotEmpty().allSatisfy(l -> assertThat(l.weightNorm()).isPositive());
        });

        // the same event again and a new event for the same dataset: no second candidate;
        // a different dataset, announced under an outdated spec hash, trains with the current spec
        kafka.send(Topics.DATASET_READY, model, Json.encode(firstReady));
        DatasetReady sameDataset = ready(first, specHash);
        kafka.send(Topics.DATASET_READY, model, Json.encode(sameDataset));
        DatasetReady secondReady = ready(dataset(model, specHash, 300, 2), "sha256:" + "0".repeat(64));
        kafka.send(Topics.DATASET_READY, model, Json.encode(secondReady));

        List<ModelTrained> all = kafka.readUntil(Topics.MODEL_TRAINED,
                        rs -> rs.stream().anyMatch(r -> secondReady.eventId().equals(decode(r).causationId())), WAIT)
                .stream().map(TrainerIT::decode).filter(t -> model.equals(t.model())).toList();
        assertThat(all).filteredOn(t -> t.candidateId().equals(trained.candidateId())).hasSize(1);
        assertThat(all).extracting(ModelTrained::causationId).doesNotContain(sameDataset.eventId());
        ModelTrained second = all.stream().filter(t -> secondReady.eventId().equals(t.causationId())).findFirst().orElseThrow();
        assertThat(second.candidateId()).isNotEqualTo(trained.candidateId());
        assertThat(second.specHash()).isEqualTo(specHash);
        long firstProgress = kafka.readUntil(Topics.TRAINING_PROGRESS,
                        rs -> rs.stream().anyMatch(r -> r.value().contains(second.candidateId())), WAIT)
                .stream().filter(r -> r.value().contains(trained.candidateId())).count();
        assertThat(firstProgress).isEqualTo(epochsRun);

        // garbage and datasets of unknown models go to the dead-letter topic with the reason
        kafka.send(Topics.DATASET_READY, model, "{\"eventId\": \"broken-" + model + "\"");
        DatasetReady unknown = new DatasetReady("unknown-" + model, null, "nobody-" + model, firstReady.datasetId(),
                firstReady.dataset(), null, specHash, List.of(), null, RetrainTrigger.MANUAL, "manual", Instant.now());
        kafka.send(Topics.DATASET_READY, unknown.model(), Json.encode(unknown));
        String dlq = Topics.deadLetter(Topics.DATASET_READY);
        ConsumerRecord<String, String> broken = kafka.await(dlq, r -> r.value().contains("broken-" + model), WAIT);
        assertThat(TopicProbe.header(broken, EventHeaders.DL_REASON)).hasValueSatisfying(
                v -> assertThat(v).contains("not a valid DatasetReady"));
        assertThat(TopicProbe.header(broken, EventHeaders.DL_SOURCE_TOPIC)).contains(Topics.DATASET_READY);
        assertThat(TopicProbe.header(broken, EventHeaders.DL_SOURCE_OFFSET)).isPresent();
        assertThat(TopicProbe.header(broken, EventHeaders.DL_SERVICE)).contains("trainer");
        ConsumerRecord<String, String> noSpec = kafka.await(dlq, r -> r.value().contains(unknown.eventId()), WAIT);
        assertThat(TopicProbe.header(noSpec, EventHeaders.DL_REASON)).hasValueSatisfying(
                v -> assertThat(v).contains("no spec is registered for model 'nobody-" + model + "'"));
    }
}
