package io.driftloop.evaluator.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
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
import io.driftloop.contracts.events.GateResult;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.events.RetrainTrigger;
import io.driftloop.contracts.model.FeatureEncoding;
import io.driftloop.contracts.model.ModelArtifact;
import io.driftloop.contracts.model.ModelArtifactCodec;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.infra.kafka.KafkaTestResource;
import io.driftloop.infra.kafka.TopicProbe;
import io.driftloop.kit.Catalogs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The evaluator against a real broker with real DL4J networks: a good network (trained on the true
 * labels) and a poor one (trained on shuffled labels), each wrapped in a model artifact like the
 * trainer's, scored against each other as candidate and champion.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class EvaluatorIT {

    @jakarta.inject.Inject
    @org.eclipse.microprofile.health.Readiness
    io.driftloop.kit.DeliveryReadiness delivery;

    @org.junit.jupiter.api.Test
    void everyProducerWaitsForAllInSyncReplicasAndIsIdempotent() {
        org.assertj.core.api.Assertions.assertThat(delivery.problems("evaluations", "dead-letters")).isEmpty();
    }

    static final Duration WAIT = Duration.ofSeconds(90);

    @ConfigProperty(name = "driftloop.artifacts.dir")
    String artifacts;

    @Inject
    Catalogs catalogs;

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

    @Test
    void gatesRealCandidatesAgainstRealChampionsOnceEachAndDeadLettersGarbage() throws IOException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String improving = "eval-up-" + suffix;
        String regressing = "eval-down-" + suffix;
        ModelSpec spec = spec(improving);
        List<DatasetRow> rows = rows(900, new Random(11));
        List<DatasetRow> train = rows.stream().filter(r -> r.split() == Split.TRAIN).toList();
        FeatureEncoding encoding = FeatureEncoding.fit(spec, train.stream().map(DatasetRow::features).toList());
        ArtifactRef dataset = store.put(DatasetCodec.encode(new Dataset(improving, "sha256:spec", List.of(), rows)),
                Dataset.FORMAT);
        byte[] good = train(encoding, train, false);
        byte[] poor = train(encoding, train, true);

        // improving: the poor network is champion v1, the good one the candidate
        register(improving, 1, artifact(improving, "poor", encoding, poor));
        ModelTrained better = trained(improving, "good", dataset, artifact(improving, "good", encoding, good));
        kafka.send(Topics.MODEL_TRAINED, improving, Json.encode(better));
        kafka.send(Topics.MODEL_TRAINED, improving, Json.encode(better));
        kafka.send(Topics.MODEL_TRAINED, improving, "{\"eventId\":\"broken-" + suffix + "\",\"model\":\"" + improving + "\",\"seed\":1}");

        ConsumerRecord<String, String> record = kafka.await(Topics.MODEL_EVALUATED,
                r -> r.value().contains(better.candidateId()), WAIT);
        ModelEvaluated passed = Json.decode(record.value(), ModelEvaluated.class);
        assertThat(passed.passed()).as(passed.summary()).isTrue();
        assertThat(passed.championVersion()).isEqualTo(1);
        assertThat(passed.summary()).isEqualTo("passed 6 of 6 gates against champion v1");
        assertThat(passed.gates()).extracting(GateResult::gate).containsExactly("minimum.accuracy", "minimum.rocAuc",
                "non-inferiority.accuracy", "non-inferiority.rocAuc", "beats-baseline.brier",
                "fairness.demographic-parity-difference.gender");
        assertThat(passed.gates()).allSatisfy(g -> assertThat(g.lower()).as(g.gate()).isNotNull());
        assertThat(passed.gates()).filteredOn(g -> g.gate().equals("non-inferiority.accuracy")).singleElement()
                .satisfies(g -> assertThat(g.pValue()).isNotNull());
        assertThat(passed.metrics().get("accuracy")).isGreaterThan(passed.championMetrics().get("accuracy"));
        assertThat(passed.metrics().get("rocAuc")).isGreaterThan(0.8);
        assertThat(passed.metrics()).containsKeys("demographicParityDifference.gender", "prAuc", "logLoss", "brier", "ece");
        // the report is in the shared store, and its bytes are what the event says they are
        byte[] report = store.get(passed.report());
        assertThat(Hashing.sha256Hex(report)).isEqualTo(passed.report().sha256());
        assertThat(passed.report().format()).isEqualTo("driftloop-evaluation-report+json");
        assertThat(Json.mapper().readTree(report).get("statistics").get("resamples").asInt()).isEqualTo(1000);
        assertThat(new String(store.get(passed.reportHtml()), StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>")
                .contains("non-inferiority.accuracy");
        assertThat(passed.testRows()).isEqualTo((int) rows.stream().filter(r -> r.split() == Split.TEST).count());
        assertThat(passed.causationId()).isEqualTo(better.eventId());
        assertThat(schemaErrors(record.value())).isEmpty();
        assertThat(record.key()).isEqualTo(improving);
        assertThat(TopicProbe.header(record, EventHeaders.CE_SPECVERSION)).contains("1.0");
        assertThat(TopicProbe.header(record, EventHeaders.CE_ID)).contains(passed.eventId());
        assertThat(TopicProbe.header(record, EventHeaders.CE_TYPE)).contains("io.driftloop.model.evaluated.v1");
        assertThat(TopicProbe.header(record, EventHeaders.CE_SOURCE)).contains("/driftloop/evaluator");
        assertThat(TopicProbe.header(record, EventHeaders.CE_SUBJECT)).contains(improving);
        assertThat(TopicProbe.header(record, EventHeaders.CE_TIME)).isPresent();
        assertThat(TopicProbe.header(record, EventHeaders.CE_CAUSATION_ID)).contains(better.eventId());

        // the malformed record came after the duplicate on the same partition: once it is dead-lettered,
        // the duplicate has been handled too
        ConsumerRecord<String, String> dead = kafka.await(Topics.deadLetter(Topics.MODEL_TRAINED),
                r -> r.value().contains("broken-" + suffix), WAIT);
        assertThat(TopicProbe.header(dead, EventHeaders.DL_REASON)).hasValueSatisfying(v -> assertThat(v).contains("candidateId"));
        assertThat(TopicProbe.header(dead, EventHeaders.DL_SOURCE_TOPIC)).contains(Topics.MODEL_TRAINED);
        assertThat(TopicProbe.header(dead, EventHeaders.DL_SOURCE_OFFSET)).isPresent();

        // regressing: the good network is champion v2, the poor one the candidate
        register(regressing, 2, artifact(regressing, "good", encoding, good));
        ModelTrained worse = trained(regressing, "poor", dataset, artifact(regressing, "poor", encoding, poor));
        kafka.send(Topics.MODEL_TRAINED, regressing, Json.encode(worse));
        String failedJson = kafka.await(Topics.MODEL_EVALUATED, r -> r.value().contains(worse.candidateId()), WAIT).value();
        assertThat(schemaErrors(failedJson)).isEmpty();
        ModelEvaluated failed = Json.decode(failedJson, ModelEvaluated.class);
        assertThat(failed.passed()).isFalse();
        assertThat(failed.championVersion()).isEqualTo(2);
        assertThat(failed.gates()).filteredOn(g -> g.gate().equals("non-inferiority.accuracy"))
                .singleElement().extracting(GateResult::passed).isEqualTo(false);
        assertThat(failed.summary()).startsWith("failed").contains("against champion v2", "non-inferiority.accuracy");

        // a first model: no champion, so absolute, baseline and fairness gates only, and the summary says so
        String first = "eval-first-" + suffix;
        kafka.send(Topics.MODEL_SPECS, first, Json.encode(spec(first)));
        await().atMost(WAIT).until(() -> catalogs.spec(first).isPresent());
        ModelTrained bootstrap = trained(first, "good", dataset, artifact(first, "good", encoding, good));
        kafka.send(Topics.MODEL_TRAINED, first, Json.encode(bootstrap));
        String firstJson = kafka.await(Topics.MODEL_EVALUATED, r -> r.value().contains(bootstrap.candidateId()), WAIT).value();
        assertThat(schemaErrors(firstJson)).isEmpty();
        ModelEvaluated firstVerdict = Json.decode(firstJson, ModelEvaluated.class);
        assertThat(firstVerdict.passed()).as(firstVerdict.summary()).isTrue();
        assertThat(firstVerdict.championVersion()).isNull();
        assertThat(firstVerdict.summary()).isEqualTo(
                "passed 4 of 4 gates; no champion: non-inferiority/superiority gates not applicable");
        assertThat(failed.metrics().get("accuracy")).isLessThan(failed.championMetrics().get("accuracy"));

        // a model nobody registered a spec for: a failed verdict saying so, not only a dead letter
        String unknown = "eval-unknown-" + suffix;
        ModelTrained orphan = trained(unknown, "good", dataset, artifact(unknown, "good", encoding, good));
        kafka.send(Topics.MODEL_TRAINED, unknown, Json.encode(orphan));
        String orphanJson = kafka.await(Topics.MODEL_EVALUATED, r -> r.value().contains(orphan.candidateId()), WAIT).value();
        assertThat(schemaErrors(orphanJson)).isEmpty();
        ModelEvaluated orphanVerdict = Json.decode(orphanJson, ModelEvaluated.class);
        assertThat(orphanVerdict.passed()).isFalse();
        assertThat(orphanVerdict.gates()).singleElement().satisfies(g -> {
            assertThat(g.gate()).isEqualTo("spec");
            assertThat(g.detail()).contains("no spec registered for model " + unknown);
        });

        List<ConsumerRecord<String, String>> all = kafka.readUntil(Topics.MODEL_EVALUATED,
                rs -> rs.stream().anyMatch(r -> r.value().contains(worse.candidateId())), WAIT);
        assertThat(all.stream().filter(r -> r.value().contains(better.candidateId()))).hasSize(1);
    }

    /** Violations of the published JSON Schema of ct.model.evaluated.v1 (from contracts). */
    static Set<String> schemaErrors(String json) {
        try {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(Json.class.getResourceAsStream("/schemas/" + Topics.MODEL_EVALUATED + ".schema.json"))
                    .validate(Json.mapper().readTree(json)).stream().map(Object::toString)
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ModelSpec spec(String model) {
        return ModelSpecs.parse("""
                name: %s
                task: binary-classification
                features:
                  - {name: x, type: numeric}
                  - {name: y, type: numeric}
                  - {name: c, type: categorical, values: [a, b]}
                attributes:
                  - {name: gender, sensitive: true}
                gates: {minAccuracy: 0.7, minRocAuc: 0.7, maxDegradation: 0.01, maxDemographicParityDifference: 0.25}
                """.formatted(model));
    }

    /** Label = 1 when x + y (+0.5 for c = a) plus a little noise is positive; gender independent of all. */
    static List<DatasetRow> rows(int n, Random random) {
        List<DatasetRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = random.nextGaussian();
            double y = random.nextGaussian();
            String c = random.nextBoolean() ? "a" : "b";
            double z = x + y + (c.equals("a") ? 0.5 : -0.5) + 0.3 * random.nextGaussian();
            Split split = i % 3 == 0 ? Split.TEST : Split.TRAIN;
            rows.add(new DatasetRow("r-" + i, 0, i, split, Map.of("x", x, "y", y, "c", c),
                    Map.of("gender", i % 2 == 0 ? "f" : "m"), z > 0 ? 1 : 0));
        }
        return rows;
    }

    /** A 4 -> 8 -> 2 softmax network trained full-batch; with {@code shuffled} labels it learns nothing useful. */
    static byte[] train(FeatureEncoding encoding, List<DatasetRow> rows, boolean shuffled) {
        List<Integer> labels = new ArrayList<>(rows.stream().map(DatasetRow::label).toList());
        if (shuffled) {
            Collections.shuffle(labels, new Random(5));
        }
        float[] oneHot = new float[rows.size() * 2];
        for (int i = 0; i < rows.size(); i++) {
            oneHot[i * 2 + labels.get(i)] = 1f;
        }
        DataSet data = new DataSet(
                Nd4j.create(encoding.encodeAll(rows.stream().map(DatasetRow::features).toList()),
                        new long[]{rows.size(), encoding.width()}, 'c'),
                Nd4j.create(oneHot, new long[]{rows.size(), 2}, 'c'));
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(3).dataType(DataType.FLOAT).updater(new Adam(0.05)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(encoding.width()).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        for (int epoch = 0; epoch < 60; epoch++) {
            net.fit(data);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(net, bytes, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    ArtifactRef artifact(String model, String candidate, FeatureEncoding encoding, byte[] network) {
        return store.put(ModelArtifactCodec.encode(new ModelArtifact(model, candidateId(model, candidate), encoding, network)),
                ModelArtifact.FORMAT);
    }

    static String candidateId(String model, String candidate) {
        return Hashing.contentId((model + "/" + candidate).getBytes(StandardCharsets.UTF_8));
    }

    /** Publishes the spec and {@code artifact} as champion {@code version}, and waits until the catalogs hold both. */
    void register(String model, int version, ArtifactRef artifact) {
        kafka.send(Topics.MODEL_SPECS, model, Json.encode(spec(model)));
        kafka.send(Topics.MODEL_PROMOTED, model, Json.encode(new ModelPromoted(model, version, null, artifact,
                "sha256:" + "0".repeat(64), "sha256:spec", Map.of(), "test champion", Instant.now(),
                candidateId(model, "champion"), null)));
        await().atMost(WAIT).until(() -> catalogs.spec(model).isPresent()
                && catalogs.champion(model).map(ModelPromoted::version).orElse(0) == version);
    }

    static ModelTrained trained(String model, String candidate, ArtifactRef dataset, ArtifactRef artifact) {
        return new ModelTrained(UUID.randomUUID().toString(), UUID.randomUUID().toString(), model,
                candidateId(model, candidate), "sha256:" + dataset.sha256(), dataset, null, List.of(), ModelSpecs.hash(spec(model)),
                artifact, Map.of("hiddenLayers", List.of(8)), 3L, "test", Map.of(), RetrainTrigger.DRIFT, "test",
                Instant.now());
    }
}
