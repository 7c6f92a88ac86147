package io.driftloop.dataprep.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.EventHeaders;
import io.driftloop.contracts.Hashing;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.artifacts.LocalArtifactStore;
import io.driftloop.contracts.dataset.Dataset;
import io.driftloop.contracts.dataset.DatasetCodec;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.LabelledExample;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.events.RetrainTrigger;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.infra.kafka.KafkaTestResource;
import io.driftloop.infra.kafka.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class DataPrepIT {

    @jakarta.inject.Inject
    @org.eclipse.microprofile.health.Readiness
    io.driftloop.kit.DeliveryReadiness delivery;

    @org.junit.jupiter.api.Test
    void everyProducerWaitsForAllInSyncReplicasAndIsIdempotent() {
        org.assertj.core.api.Assertions.assertThat(delivery.problems("datasets", "cuts", "dead-letters")).isEmpty();
        // the join's producer is transactional, which implies both
        org.assertj.core.api.Assertions.assertThat(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("kafka-streams.processing.guarantee", String.class)).isEqualTo("exactly_once_v2");
    }

    static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "driftloop.artifacts.dir")
    String artifacts;

    TopicProbe kafka;

    @BeforeEach
    void connect() {
        kafka = new TopicProbe(KafkaTestResource.cluster().bootstrapServers());
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void joinsEachPairOnceBuildsADatasetFromExactOffsetsAtTheSizingDeadlineAndDeadLettersGarbage() {
        String model = "prep-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.send(Topics.MODEL_SPECS, model, Json.encode(ModelSpecs.parse("""
                name: %s
                task: binary-classification
                features:
                  - {name: x, type: numeric}
                  - {name: c, type: categorical, values: [a, b]}
                attributes:
                  - {name: g, sensitive: true}
                training: {dataDeadline: PT3S}
                """.formatted(model))));
        Instant t0 = Instant.parse("2026-11-23T12:00:00Z");
        for (int i = 0; i < 300; i++) {
            String inference = "{\"model\":\"%s\",\"requestId\":\"r-%d\",\"timestamp\":\"%s\",\"features\":{\"x\":%d,\"c\":\"%s\"},\"attributes\":{\"g\":\"%s\"}}"
                    .formatted(model, i, t0.plusSeconds(i), i, i % 2 == 0 ? "a" : "b", i % 3 == 0 ? "f" : "m");
            String feedback = "{\"model\":\"%s\",\"requestId\":\"r-%d\",\"label\":%d,\"timestamp\":\"%s\"}"
                    .formatted(model, i, i % 2, t0.plusSeconds(i + 60));
            if (i % 10 == 0) {
                kafka.sendAsync(Topics.FEEDBACK, model, feedback);
                kafka.sendAsync(Topics.INFERENCE, model, inference);
            } else {
                kafka.sendAsync(Topics.INFERENCE, model, inference);
                kafka.sendAsync(Topics.FEEDBACK, model, feedback);
            }
            if (i == 7) {
                kafka.sendAsync(Topics.INFERENCE, model, inference);
                kafka.sendAsync(Topics.FEEDBACK, model, feedback);
            }
        }
        kafka.send(Topics.INFERENCE, model, "{\"model\":\"" + model + "\",\"requestId\":\"broken\"}");
        // checked against the spec on arrival: a label outside the task's range never reaches an example
        kafka.send(Topics.FEEDBACK, model, "{\"model\":\"%s\",\"requestId\":\"r-1\",\"label\":7,\"timestamp\":\"%s\"}"
                .formatted(model, t0));
        kafka.flush();

        List<ConsumerRecord<String, String>> examples = kafka.readUntil(Topics.EXAMPLES,
                rs -> rs.stream().filter(r -> model.equals(r.key())).count() >= 300, WAIT)
                .stream().filter(r -> model.equals(r.key())).toList();
        assertThat(examples).hasSize(300);
        assertThat(examples.stream().map(r -> Json.decode(r.value(), LabelledExample.class).requestId()).distinct()).hasSize(300);
        ConsumerRecord<String, String> first = examples.get(0);
        assertThat(TopicProbe.header(first, EventHeaders.CE_TYPE)).contains("io.driftloop.examples.v1");
        assertThat(TopicProbe.header(first, EventHeaders.CE_SUBJECT)).contains(model);
        assertThat(TopicProbe.header(first, EventHeaders.CE_SOURCE)).contains("/driftloop/data-prep");

        ConsumerRecord<String, String> dead = kafka.await(Topics.deadLetter(Topics.INFERENCE),
                r -> r.value().contains("broken"), WAIT);
        assertThat(TopicProbe.header(dead, EventHeaders.DL_REASON)).hasValueSatisfying(v -> assertThat(v).contains("timestamp"));
        assertThat(TopicProbe.header(dead, EventHeaders.DL_SOURCE_TOPIC)).contains(Topics.INFERENCE);
        assertThat(TopicProbe.header(dead, EventHeaders.DL_SOURCE_OFFSET)).isPresent();
        ConsumerRecord<String, String> badLabel = kafka.await(Topics.deadLetter(Topics.FEEDBACK),
                r -> model.equals(r.key()) && r.value().contains("\"label\":7"), WAIT);
        assertThat(TopicProbe.header(badLabel, EventHeaders.DL_REASON)).contains(
                "field 'label' must be 0 or 1 for the binary-classification model '" + model + "', was 7");

        RetrainRequested request = new RetrainRequested(UUID.randomUUID().toString(), null, model,
                RetrainTrigger.BOOTSTRAP, "bootstrap", null, 250, Instant.now());
        kafka.send(Topics.RETRAIN_REQUESTED, model, Json.encode(request));
        ConsumerRecord<String, String> readyRecord = kafka.await(Topics.DATASET_READY,
                r -> r.value().contains(request.eventId()), WAIT);
        DatasetReady ready = Json.decode(readyRecord.value(), DatasetReady.class);

        assertThat(ready.counts().total()).isEqualTo(300);
        // 300 examples hold too few test rows for a ROC-AUC interval of 0.2: cut at the deadline, saying so
        assertThat(ready.sizing().sufficient()).isFalse();
        assertThat(ready.sizing().examples()).isEqualTo(300);
        assertThat(ready.sizing().requiredExamples()).isGreaterThan(300);
        assertThat(ready.sizing().shortfalls()).anyMatch(s -> s.startsWith("rocAuc interval"));
        assertThat(ready.sizing().requirements()).anyMatch(s -> s.startsWith("g=f: 20 test rows"));
        assertThat(ready.sizing().waited()).isGreaterThanOrEqualTo(3000);
        assertThat(ready.offsets()).hasSize(1);
        assertThat(ready.offsets().get(0).count()).isGreaterThanOrEqualTo(300);
        LocalArtifactStore store = new LocalArtifactStore(Path.of(artifacts));
        byte[] bytes = store.get(ready.dataset());
        assertThat(Hashing.contentId(bytes)).isEqualTo(ready.datasetId());
        Dataset dataset = DatasetCodec.decodeDataset(bytes);
        assertThat(dataset.rows()).hasSize(300);
        assertThat(DatasetCodec.decodeProfile(store.get(ready.profile())).numeric()).containsKey("x");
        assertThat(TopicProbe.header(readyRecord, EventHeaders.CE_CAUSATION_ID)).contains(request.eventId());

        // the same request delivered again has no second effect; a new one builds the same dataset
        kafka.send(Topics.RETRAIN_REQUESTED, model, Json.encode(request));
        RetrainRequested again = new RetrainRequested(UUID.randomUUID().toString(), null, model,
                RetrainTrigger.MANUAL, "manual", null, 250, Instant.now());
        kafka.send(Topics.RETRAIN_REQUESTED, model, Json.encode(again));
        List<ConsumerRecord<String, String>> all = kafka.readUntil(Topics.DATASET_READY,
                rs -> rs.stream().anyMatch(r -> r.value().contains(again.eventId())), WAIT);
        assertThat(all.stream().filter(r -> r.value().contains(request.eventId()))).hasSize(1);
        DatasetReady second = Json.decode(all.stream().filter(r -> r.value().contains(again.eventId()))
                .findFirst().orElseThrow().value(), DatasetReady.class);
        assertThat(second.datasetId()).isEqualTo(ready.datasetId());

        // a request whose cut was recorded (as before a crash) is rebuilt from the recorded ranges,
        // not from the examples there are now
        io.driftloop.contracts.events.OffsetRange whole = ready.offsets().get(0);
        var narrow = new io.driftloop.contracts.events.OffsetRange(whole.topic(), whole.partition(), whole.fromOffset(),
                whole.fromOffset() + 120);
        RetrainRequested replayed = new RetrainRequested(UUID.randomUUID().toString(), null, model,
                RetrainTrigger.MANUAL, "manual", null, 250, Instant.now());
        kafka.send(CutLog.TOPIC, replayed.eventId(), Json.encode(new io.driftloop.dataprep.domain.RecordedCut(
                replayed.eventId(), model, List.of(narrow), io.driftloop.contracts.spec.DataStrategy.POST_DRIFT,
                ready.sizing(), null, null)));
        kafka.send(Topics.RETRAIN_REQUESTED, model, Json.encode(replayed));
        DatasetReady rebuilt = Json.decode(kafka.await(Topics.DATASET_READY,
                r -> r.value().contains(replayed.eventId()), WAIT).value(), DatasetReady.class);
        assertThat(rebuilt.offsets()).containsExactly(narrow);
        assertThat(rebuilt.counts().total()).isLessThanOrEqualTo(120).isPositive();
        assertThat(rebuilt.sizing()).isEqualTo(ready.sizing());

        // every cut made here was recorded before its dataset was announced
        List<ConsumerRecord<String, String>> recorded = kafka.readUntil(CutLog.TOPIC,
                rs -> rs.stream().anyMatch(r -> again.eventId().equals(r.key())), WAIT);
        assertThat(recorded).anyMatch(r -> request.eventId().equals(r.key()));
        assertThat(Json.decode(recorded.stream().filter(r -> request.eventId().equals(r.key())).findFirst()
                .orElseThrow().value(), io.driftloop.dataprep.domain.RecordedCut.class).ranges()).isEqualTo(ready.offsets());
    }
}
