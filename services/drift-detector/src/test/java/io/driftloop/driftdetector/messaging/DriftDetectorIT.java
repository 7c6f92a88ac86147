package io.driftloop.driftdetector.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.driftloop.contracts.EventHeaders;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.artifacts.LocalArtifactStore;
import io.driftloop.contracts.dataset.DatasetCodec;
import io.driftloop.contracts.dataset.NumericProfile;
import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.ConceptSignal;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.FeatureDrift;
import io.driftloop.contracts.events.LabelledExample;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.events.RetrainTrigger;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.driftdetector.domain.DriftMonitor;
import io.driftloop.infra.kafka.KafkaTestResource;
import io.driftloop.infra.kafka.TopicProbe;
import io.driftloop.kit.Catalogs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class DriftDetectorIT {

    /** A request as the test's operator (HTTP Basic, the operator role). */
    static io.restassured.specification.RequestSpecification operator() {
        return given().auth().preemptive().basic("olivia", "olivia-secret");
    }

    @jakarta.inject.Inject
    @org.eclipse.microprofile.health.Readiness
    io.driftloop.kit.DeliveryReadiness delivery;

    @org.junit.jupiter.api.Test
    void everyProducerWaitsForAllInSyncReplicasAndIsIdempotent() {
        org.assertj.core.api.Assertions.assertThat(delivery.problems("drift-state", "drift-stats", "retrain-requests", "retrain-abandoned", "dead-letters")).isEmpty();
    }

    static final Duration WAIT = Duration.ofSeconds(60);
    static final int WINDOW = 100;
    static final NormalDistribution AGE = new NormalDistribution(40, 10);
    static final NormalDistribution INCOME = new NormalDistribution(50_000, 8_000);
    static final String[] REGIONS = {"north", "north", "north", "north", "south", "south", "south", "east", "east", "west"};

    @ConfigProperty(name = "driftloop.artifacts.dir")
    String artifacts;

    @Inject
    Catalogs catalogs;

    @Inject
    DriftMonitor monitor;

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
    void bootstrapsAModelWithoutChampionAndRequestsRetrainingOnceWhenTheChampionsInputsDrift() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String fresh = "fresh-" + suffix;
        String served = "served-" + suffix;
        kafka.send(Topics.MODEL_SPECS, fresh, spec(fresh));
        kafka.send(Topics.MODEL_SPECS, served, spec(served));
        ArtifactRef profile = new LocalArtifactStore(Path.of(artifacts)).put(DatasetCodec.encode(profile(served)),
                ReferenceProfile.FORMAT);
        kafka.send(Topics.MODEL_PROMOTED, served, Json.encode(new ModelPromoted(served, 1, null,
                new ArtifactRef("file:///nowhere/model", "00", "dl4j-multilayer"), "sha256:d", "sha256:s",
                Map.of("accuracy", 0.9), "bootstrap", Instant.now(), "c1", profile)));
        await().atMost(WAIT).until(() -> catalogs.champion(served).isPresent() && catalogs.spec(fresh).isPresent());

        // bootstrap: 60 labelled examples of a model without champion -> one request
        Instant t0 = Instant.parse("2026-11-23T12:00:00Z");
        for (int i = 0; i < 60; i++) {
            kafka.sendAsync(Topics.EXAMPLES, fresh, example(fresh, i, t0));
        }
        kafka.flush();
        ConsumerRecord<String, String> bootstrapRecord = kafka.await(Topics.RETRAIN_REQUESTED,
                r -> fresh.equals(r.key()) && r.value().contains("\"bootstrap\""), WAIT);
        RetrainRequested bootstrap = Json.decode(bootstrapRecord.value(), RetrainRequested.class);
        assertThat(bootstrap.trigger()).isEqualTo(RetrainTrigger.BOOTSTRAP);
        assertThat(bootstrap.dataSince()).isNull();
        assertThat(bootstrap.minExamples()).isEqualTo(50);
        assertThat(bootstrap.reason()).matches("bootstrap: no champion yet, (5\\d|60) labelled examples");
        assertThat(TopicProbe.header(bootstrapRecord, EventHeaders.CE_TYPE)).contains("io.driftloop.retrain.requested.v1");
        assertThat(TopicProbe.header(bootstrapRecord, EventHeaders.CE_SUBJECT)).contains(fresh);
        assertThat(TopicProbe.header(bootstrapRecord, EventHeaders.CE_SOURCE)).contains("/driftloop/drift-detector");
        assertThat(TopicProbe.header(bootstrapRecord, EventHeaders.CE_ID)).contains(bootstrap.eventId());

        // a window drawn like the training data: statistics, no drift
        for (int i = 0; i < WINDOW; i++) {
            kafka.sendAsync(Topics.INFERENCE, served, inference(served, "calm-" + i, t0.plusSeconds(i),
                    AGE.inverseCumulativeProbability((i + 0.5) / WINDOW),
                    INCOME.inverseCumulativeProbability(((i * 37) % WINDOW + 0.5) / WINDOW), REGIONS[i % REGIONS.length]));
        }
        kafka.flush();
        ConsumerRecord<String, String> calmRecord = kafka.await(Topics.DRIFT_STATS, r -> served.equals(r.key()), WAIT);
        DriftStats calm = Json.decode(calmRecord.value(), DriftStats.class);
        assertThat(calm.drifted()).as(calmRecord.value()).isFalse();
        assertThat(calm.championVersion()).isEqualTo(1);
        assertThat(calm.sampleSize()).isEqualTo(WINDOW);
        assertThat(calm.windowStart()).isEqualTo(t0);
        assertThat(calm.features()).extracting(FeatureDrift::feature).containsExactly("age", "income", "region");
        assertThat(calm.features()).allSatisfy(f -> assertThat(f.histogram()).as(f.feature()).isNotNull());
        assertThat(TopicProbe.header(calmRecord, EventHeaders.CE_TYPE)).contains("io.driftloop.drift.stats.v1");
        assertThat(TopicProbe.header(calmRecord, EventHeaders.CE_SUBJECT)).contains(served);
        assertThat(TopicProbe.header(calmRecord, EventHeaders.CE_SPECVERSION)).isPresent();

        // a model with a champion never bootstraps, however many examples it has
        for (int i = 0; i < 60; i++) {
            kafka.sendAsync(Topics.EXAMPLES, served, example(served, i, t0));
        }
        kafka.flush();

        // a shifted window (older, richer, a region never seen in training): drifted, one request
        Instant t1 = t0.plus(Duration.ofHours(1));
        sendShiftedWindow(served, "shift-", t1);
        ConsumerRecord<String, String> shiftedRecord = kafka.await(Topics.DRIFT_STATS,
                r -> served.equals(r.key()) && !r.value().contains(calm.eventId()), WAIT);
        DriftStats shifted = Json.decode(shiftedRecord.value(), DriftStats.class);
        assertThat(shifted.drifted()).as(shiftedRecord.value()).isTrue();
        assertThat(shifted.windowStart()).isEqualTo(t1);
        assertThat(shifted.features()).allSatisfy(f -> assertThat(f.pValue()).isLessThan(0.05));

        ConsumerRecord<String, String> driftRecord = kafka.await(Topics.RETRAIN_REQUESTED,
                r -> served.equals(r.key()) && r.value().contains("\"drift\""), WAIT);
        RetrainRequested drift = Json.decode(driftRecord.value(), RetrainRequested.class);
        assertThat(drift.dataSince()).isEqualTo(t1);
        assertThat(drift.causationId()).isEqualTo(shifted.eventId());
        assertThat(drift.minExamples()).isEqualTo(80);
        assertThat(drift.reason()).startsWith("drift: 3 of 3 features drifted (p < 0.05): age, income, region");
        assertThat(TopicProbe.header(driftRecord, EventHeaders.CE_SUBJECT)).contains(served);
        assertThat(TopicProbe.header(driftRecord, EventHeaders.CE_CAUSATION_ID)).contains(shifted.eventId());

        // a second drifted window within the cooldown: statistics, but no second request
        sendShiftedWindow(served, "again-", t1.plus(Duration.ofHours(1)));
        kafka.readUntil(Topics.DRIFT_STATS, rs -> rs.stream().filter(r -> served.equals(r.key())).count() >= 3, WAIT);

        // bad input is dead-lettered with its reason; sent last, so it is handled after the windows above
        kafka.send(Topics.INFERENCE, served, "{\"model\":\"" + served + "\",\"requestId\":\"broken\"}");
        kafka.send(Topics.INFERENCE, "unknown-" + suffix, inference("unknown-" + suffix, "u-1", t0, 1, 1, "north"));
        ConsumerRecord<String, String> dead = kafka.await(Topics.deadLetter(Topics.INFERENCE),
                r -> r.value().contains("broken") && r.value().contains(served), WAIT);
        assertThat(TopicProbe.header(dead, EventHeaders.DL_REASON)).hasValueSatisfying(v -> assertThat(v).contains("timestamp"));
        assertThat(TopicProbe.header(dead, EventHeaders.DL_SOURCE_TOPIC)).contains(Topics.INFERENCE);
        assertThat(TopicProbe.header(dead, EventHeaders.DL_SOURCE_OFFSET)).isPresent();
        ConsumerRecord<String, String> unknown = kafka.await(Topics.deadLetter(Topics.INFERENCE),
                r -> ("unknown-" + suffix).equals(r.key()), WAIT);
        assertThat(TopicProbe.header(unknown, EventHeaders.DL_REASON))
                .hasValueSatisfying(v -> assertThat(v).contains("no spec is registered"));

        List<RetrainRequested> requests = readToEnd(Topics.RETRAIN_REQUESTED).stream()
                .filter(r -> fresh.equals(r.key()) || served.equals(r.key()))
                .map(r -> Json.decode(r.value(), RetrainRequested.class)).toList();
        assertThat(requests).extracting(r -> r.model() + ":" + r.trigger())
                .containsExactlyInAnyOrder(fresh + ":BOOTSTRAP", served + ":DRIFT");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("driftloop_drift_windows_evaluated_total{model=\"" + served + "\"} 3.0")
                .contains("driftloop_drift_windows_drifted_total{model=\"" + served + "\"} 2.0")
                .contains("driftloop_drift_share_drifted{model=\"" + served + "\"} 1.0")
                .contains("driftloop_drift_alarms_folded_total{model=\"" + served + "\"} 1.0")
                .containsPattern("driftloop_retrain_requests_total\\{attempt=\"first\",model=\"" + served + "\",trigger=\"drift\"} 1.0")
                .containsPattern("driftloop_retrain_requests_total\\{attempt=\"first\",model=\"" + fresh + "\",trigger=\"bootstrap\"} 1.0");
    }

    @Test
    void oneRequestInFlightPerModelReleasedByItsVerdictAndAnOperatorsRequestThroughTheApi() {
        String model = "loop-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.send(Topics.MODEL_SPECS, model, spec(model, "PT0S"));
        ArtifactRef profile = new LocalArtifactStore(Path.of(artifacts)).put(DatasetCodec.encode(profile(model)),
                ReferenceProfile.FORMAT);
        kafka.send(Topics.MODEL_PROMOTED, model, Json.encode(new ModelPromoted(model, 1, null,
                new ArtifactRef("file:///nowhere/model", "00", "dl4j-multilayer"), "sha256:d", "sha256:s",
                Map.of("accuracy", 0.9), "bootstrap", Instant.now(), "c1", profile)));
        await().atMost(WAIT).until(() -> catalogs.champion(model).isPresent() && catalogs.spec(model).isPresent());
        Instant t0 = Instant.parse("2026-11-23T12:00:00Z");

        // the first drifted window: one request, now in flight
        sendShiftedWindow(model, "a-", t0);
        RetrainRequested first = Json.decode(kafka.await(Topics.RETRAIN_REQUESTED,
                r -> model.equals(r.key()) && r.value().contains("\"drift\""), WAIT).value(), RetrainRequested.class);

        // a second drifted window while it is in flight is folded into it, even without a cooldown
        sendShiftedWindow(model, "b-", t0.plus(Duration.ofHours(1)));
        await().atMost(WAIT).until(() -> given().get("/q/metrics").then().extract().asString()
                .contains("driftloop_drift_alarms_folded_total{model=\"" + model + "\"} 1.0"));

        // only an operator may ask: no credentials is 401 with the challenges, another role 403
        List<String> challenges = given().post("/api/drift/{model}/retrain?force=true", model)
                .then().statusCode(401).contentType("application/problem+json")
                .extract().headers().getValues("WWW-Authenticate");
        assertThat(challenges).anyMatch(c -> c.startsWith("Basic")).anyMatch(c -> c.startsWith("Bearer"));
        given().auth().preemptive().basic("vera", "vera-secret").post("/api/drift/{model}/retrain?force=true", model)
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("operator role"));
        given().auth().preemptive().basic("olivia", "wrong").post("/api/drift/{model}/retrain?force=true", model)
                .then().statusCode(401);

        // an operator is told which request is in flight
        operator().contentType("application/json").body("{\"reason\": \"new labels\"}")
                .post("/api/drift/{model}/retrain", model)
                .then().statusCode(409).contentType("application/problem+json")
                .body("openRequestId", org.hamcrest.Matchers.equalTo(first.eventId()))
                .body("detail", org.hamcrest.Matchers.containsString("in flight"));

        // the verdict on the candidate releases it; the next drifted window requests again
        kafka.send(Topics.MODEL_EVALUATED, model, verdict(model, "cand-1"));
        await().atMost(WAIT).until(() -> monitor.inFlight(model, catalogs.requireSpec(model)).isEmpty());
        sendShiftedWindow(model, "c-", t0.plus(Duration.ofHours(2)));
        ConsumerRecord<String, String> secondRecord = kafka.await(Topics.RETRAIN_REQUESTED,
                r -> model.equals(r.key()) && r.value().contains("\"drift\"") && !r.value().contains(first.eventId()),
                WAIT);
        RetrainRequested second = Json.decode(secondRecord.value(), RetrainRequested.class);
        assertThat(second.dataSince()).isEqualTo(t0.plus(Duration.ofHours(2)));
        assertThat(second.reason()).contains("repeated: champion v1 still drifts")
                .contains("answered by the passed verdict on cand-1");

        // released again, an operator's request is accepted and published; a second one conflicts
        kafka.send(Topics.MODEL_EVALUATED, model, verdict(model, "cand-2"));
        await().atMost(WAIT).until(() -> monitor.inFlight(model, catalogs.requireSpec(model)).isEmpty());
        String accepted = operator().contentType("application/json").body("{\"reason\": \"new labels\"}")
                .post("/api/drift/{model}/retrain", model)
                .then().statusCode(202).extract().asString();
        RetrainRequested manual = Json.decode(accepted, RetrainRequested.class);
        assertThat(manual.trigger()).isEqualTo(RetrainTrigger.MANUAL);
        assertThat(manual.reason()).isEqualTo("manual: new labels");
        assertThat(manual.dataSince()).isNull();
        assertThat(manual.minExamples()).isEqualTo(80);
        ConsumerRecord<String, String> manualRecord = kafka.await(Topics.RETRAIN_REQUESTED,
                r -> model.equals(r.key()) && r.value().contains(manual.eventId()), WAIT);
        assertThat(TopicProbe.header(manualRecord, EventHeaders.CE_ID)).contains(manual.eventId());
        assertThat(TopicProbe.header(manualRecord, EventHeaders.CE_SUBJECT)).contains(model);
        operator().post("/api/drift/{model}/retrain", model)
                .then().statusCode(409).body("openRequestId", org.hamcrest.Matchers.equalTo(manual.eventId()));
        RetrainRequested forced = Json.decode(operator().post("/api/drift/{model}/retrain?force=true", model)
                .then().statusCode(202).extract().asString(), RetrainRequested.class);
        assertThat(forced.reason()).startsWith("manual: requested by an operator (forced while request "
                + manual.eventId());

        operator().post("/api/drift/{model}/retrain", "no-such-model-" + model)
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("no spec is registered"));
        operator().contentType("application/json").body("{not json").post("/api/drift/{model}/retrain", model)
                .then().statusCode(400).contentType("application/problem+json");

        kafka.await(Topics.RETRAIN_REQUESTED, r -> model.equals(r.key()) && r.value().contains(forced.eventId()), WAIT);
        List<RetrainRequested> requests = readToEnd(Topics.RETRAIN_REQUESTED).stream()
                .filter(r -> model.equals(r.key()))
                .map(r -> Json.decode(r.value(), RetrainRequested.class)).toList();
        assertThat(requests).extracting(RetrainRequested::eventId)
                .containsExactly(first.eventId(), second.eventId(), manual.eventId(), forced.eventId());
    }

    @Test
    void theChampionsErrorStreamTriggersAConceptDriftRequestAndLabelWindowsReportPriorShift() {
        String model = "labelled-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.send(Topics.MODEL_SPECS, model, spec(model));
        ReferenceProfile trained = profile(model);
        ArtifactRef profileRef = new LocalArtifactStore(Path.of(artifacts)).put(DatasetCodec.encode(
                new ReferenceProfile(model, trained.datasetId(), trained.rows(), trained.numeric(),
                        trained.categorical(), Map.of("0", 500L, "1", 500L))), ReferenceProfile.FORMAT);
        kafka.send(Topics.MODEL_PROMOTED, model, Json.encode(new ModelPromoted(model, 2, 1,
                new ArtifactRef("file:///nowhere/model", "00", "dl4j-multilayer"), "sha256:d", "sha256:s",
                Map.of("accuracy", 0.9), "drift", Instant.now(), "c2", profileRef)));
        await().atMost(WAIT).until(() -> catalogs.champion(model).isPresent());

        // v2 is right 90% of the time, then 50%: its error stream drifts
        Instant t0 = Instant.parse("2026-11-23T12:00:00Z");
        java.util.Random random = new java.util.Random(17);
        for (int i = 0; i < 4000; i++) {
            int label = i % 2;
            boolean wrong = random.nextDouble() < (i < 2000 ? 0.1 : 0.5);
            kafka.sendAsync(Topics.EXAMPLES, model, Json.encode(new LabelledExample(model, "l-" + i, t0.plusSeconds(i),
                    Map.of("age", 40, "income", 50_000.0, "region", "north"), Map.of(), label, 2,
                    wrong ? 1 - label : label, wrong ? 0.8 : 0.2)));
        }
        kafka.flush();

        ConsumerRecord<String, String> record = kafka.await(Topics.RETRAIN_REQUESTED, r -> model.equals(r.key()), WAIT);
        RetrainRequested request = Json.decode(record.value(), RetrainRequested.class);
        assertThat(request.trigger()).isEqualTo(RetrainTrigger.DRIFT);
        assertThat(request.reason()).startsWith("drift: concept drift in the error stream of champion v2 (adwin");
        assertThat(request.dataSince()).isAfter(t0.plusSeconds(2000));

        List<DriftStats> labelWindows = kafka.readUntil(Topics.DRIFT_STATS, rs -> rs.stream()
                .filter(r -> model.equals(r.key())).count() >= 4000 / WINDOW, WAIT).stream()
                .filter(r -> model.equals(r.key())).map(r -> Json.decode(r.value(), DriftStats.class)).toList();
        assertThat(labelWindows).allSatisfy(w -> {
            assertThat(w.source()).isEqualTo(DriftStats.LABELS);
            assertThat(w.features()).singleElement().satisfies(f -> assertThat(f.feature()).isEqualTo("label"));
            assertThat(w.drifted()).as("labels alternate 0/1 as in training").isFalse();
            assertThat(w.concept()).satisfies(c -> {
                assertThat(c.detector()).isEqualTo("adwin");
                assertThat(c.championVersion()).isEqualTo(2);
            });
        });
        assertThat(labelWindows).extracting(w -> w.concept().signal()).as("the window of the alarm")
                .contains(ConceptSignal.DRIFT);
        assertThat(readToEnd(Topics.RETRAIN_REQUESTED).stream().filter(r -> model.equals(r.key())))
                .as("later alarms are folded into the open request").hasSize(1);
    }

    static String verdict(String model, String candidate) {
        return Json.encode(new ModelEvaluated(UUID.randomUUID().toString(), null, model, candidate, "sha256:d", 1,
                Map.of("accuracy", 0.5), Map.of(), List.of(), true, "passed", 100, Instant.now()));
    }

    void sendShiftedWindow(String model, String prefix, Instant start) {
        for (int i = 0; i < WINDOW; i++) {
            double age = AGE.inverseCumulativeProbability((i + 0.5) / WINDOW) + 20;
            double income = INCOME.inverseCumulativeProbability(((i * 37) % WINDOW + 0.5) / WINDOW) + 25_000;
            String region = i % 10 < 7 ? "west" : "atlantis";
            kafka.sendAsync(Topics.INFERENCE, model, inference(model, prefix + i, start.plusSeconds(i), age, income, region));
        }
        kafka.flush();
    }

    static String spec(String model) {
        return spec(model, "PT10M");
    }

    static String spec(String model, String cooldown) {
        return Json.encode(ModelSpecs.parse("""
                name: %s
                task: binary-classification
                features:
                  - {name: age, type: numeric}
                  - {name: income, type: numeric}
                  - {name: region, type: categorical, values: [north, south, east, west]}
                drift: {windowSize: %d, pValue: 0.05, shareThreshold: 0.5, cooldown: %s,
                        bootstrapExamples: 50, retrainExamples: 80}
                """.formatted(model, WINDOW, cooldown)));
    }

    /** The training data's profile: 1000 evenly spaced quantiles per numeric feature, regions 4:3:2:1. */
    static ReferenceProfile profile(String model) {
        double[] age = new double[1000];
        double[] income = new double[1000];
        for (int i = 0; i < 1000; i++) {
            age[i] = AGE.inverseCumulativeProbability((i + 0.5) / 1000);
            income[i] = INCOME.inverseCumulativeProbability((i + 0.5) / 1000);
        }
        Map<String, Long> regions = new LinkedHashMap<>();
        regions.put("east", 200L);
        regions.put("north", 400L);
        regions.put("south", 300L);
        regions.put("west", 100L);
        return new ReferenceProfile(model, "sha256:d", 1000, Map.of(
                "age", new NumericProfile(1000, 40, 10, age),
                "income", new NumericProfile(1000, 50_000, 8_000, income)), Map.of("region", regions));
    }

    static String inference(String model, String requestId, Instant at, double age, double income, String region) {
        Map<String, Object> event = new HashMap<>();
        event.put("model", model);
        event.put("requestId", requestId);
        event.put("timestamp", at.toString());
        event.put("features", Map.of("age", age, "income", income, "region", region));
        event.put("attributes", Map.of("gender", "f"));
        return Json.encode(event);
    }

    static String example(String model, int i, Instant t0) {
        return Json.encode(new LabelledExample(model, "e-" + i, t0.plusSeconds(i),
                Map.of("age", 30 + i % 20, "income", 40_000.0 + i, "region", REGIONS[i % REGIONS.length]),
                Map.of(), i % 2));
    }

    /** Every record of {@code topic} up to its end now. */
    List<ConsumerRecord<String, String>> readToEnd(String topic) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.cluster().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Predicate<KafkaConsumer<String, String>> atEnd = c -> end.entrySet().stream()
                    .allMatch(e -> c.position(e.getKey()) >= e.getValue());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!atEnd.test(consumer)) {
                assertThat(System.nanoTime()).as("read %s to its end", topic).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
        }
        return seen;
    }
}
