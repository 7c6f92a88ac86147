package io.driftloop.registry.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.driftloop.contracts.EventHeaders;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.LifecycleStage;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelLifecycleChanged;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.infra.kafka.KafkaTestResource;
import io.driftloop.infra.kafka.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@Order(1)
class RegistryIT extends RegistryBrokerIT {

    @jakarta.inject.Inject
    @org.eclipse.microprofile.health.Readiness
    io.driftloop.kit.DeliveryReadiness delivery;

    @org.junit.jupiter.api.Test
    void everyProducerWaitsForAllInSyncReplicasAndIsIdempotent() {
        org.assertj.core.api.Assertions.assertThat(delivery.problems("lifecycle", "promotions", "specs", "dead-letters")).isEmpty();
    }

    @Test
    void aRegisteredSpecIsPublishedWithCloudEventsHeadersAndServed() {
        String model = unique("spec");

        Users.operator().contentType("application/yaml").body(bytes(Fixtures.spec(model, "auto")))
                .when().put("/api/models/{name}", model)
                .then().statusCode(200)
                .body("name", equalTo(model))
                .body("specHash", equalTo(ModelSpecs.hash(ModelSpecs.parse("name: " + model + "\n"
                        + Fixtures.spec(model, "auto")))))
                .body("spec.promotion", equalTo("auto"))
                .body("spec.features[1].values", equalTo(List.of("a", "b")));

        ConsumerRecord<String, String> record = kafka.await(Topics.MODEL_SPECS, r -> model.equals(r.key()), WAIT);
        assertThat(schemaErrors(Topics.MODEL_SPECS, record.value())).isEmpty();
        ModelSpec published = ModelSpecs.parse(record.value());
        assertThat(published.name()).isEqualTo(model);
        assertThat(published.sensitiveAttributes()).extracting(a -> a.name()).containsExactly("g");
        assertThat(TopicProbe.header(record, EventHeaders.CE_SPECVERSION)).contains("1.0");
        assertThat(TopicProbe.header(record, EventHeaders.CE_TYPE)).contains("io.driftloop.model.specs.v1");
        assertThat(TopicProbe.header(record, EventHeaders.CE_SOURCE)).contains("/driftloop/registry");
        assertThat(TopicProbe.header(record, EventHeaders.CE_SUBJECT)).contains(model);
        assertThat(TopicProbe.header(record, EventHeaders.CE_ID)).isPresent();

        given().when().get("/api/models/{name}", model).then().statusCode(200)
                .body("name", equalTo(model)).body("spec.label", equalTo("label"))
                .body("champion", nullValue()).body("versions", equalTo(0));
        given().when().get("/api/models").then().statusCode(200).body("name", hasItem(model));
        given().when().get("/api/models/{name}/versions", model).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void anInvalidSpecIsRefusedNamingTheFieldAndNothingIsPublished() {
        String bad = unique("bad");
        String named = unique("named");

        problem(Users.operator().contentType("application/yaml")
                .body(bytes(Fixtures.spec(bad, "auto").replace("type: numeric", "type: numbers")))
                .when().put("/api/models/{name}", bad), 400)
                .body("field", equalTo("features[0].type"))
                .body("detail", containsString("numbers"));
        problem(Users.operator().contentType("application/json").body("{\"name\": \"" + named + "\", \"task\": \"binary-classification\","
                        + " \"features\": [{\"name\": \"x\", \"type\": \"numeric\"}]}")
                .when().put("/api/models/{name}", bad), 400)
                .body("field", equalTo("name"));
        problem(Users.operator().contentType("text/plain").body(bytes("{\"task\": "))
                .when().put("/api/models/{name}", bad), 400)
                .body("field", equalTo("(document)"));

        String signal = unique("after-bad");
        Users.operator().contentType("text/yaml").body(bytes(Fixtures.spec(signal, "auto")))
                .when().put("/api/models/{name}", signal).then().statusCode(200);
        List<ConsumerRecord<String, String>> specs = kafka.readUntil(Topics.MODEL_SPECS,
                rs -> rs.stream().anyMatch(r -> signal.equals(r.key())), WAIT);
        assertThat(specs).noneMatch(r -> bad.equals(r.key()) || named.equals(r.key()));
        given().when().get("/api/models/{name}", bad).then().statusCode(404);
    }

    @Test
    void aPassingCandidateIsPromotedOnceWithItsLineageEvenWhenItsEvaluationIsReplayed() {
        String model = RegistryRestartIT.SURVIVOR;
        register(model, "auto");
        ModelTrained trained = Fixtures.trained(model, "first");
        ModelEvaluated evaluated = Fixtures.evaluated(model, "first", true);

        kafka.send(Topics.MODEL_TRAINED, model, Json.encode(trained));
        kafka.send(Topics.MODEL_EVALUATED, model, Json.encode(evaluated));

        ConsumerRecord<String, String> record = kafka.await(Topics.MODEL_PROMOTED, r -> model.equals(r.key()), WAIT);
        assertThat(schemaErrors(Topics.MODEL_PROMOTED, record.value())).isEmpty();
        ModelPromoted promoted = Json.decode(record.value(), ModelPromoted.class).validate();
        assertThat(promoted.version()).isEqualTo(1);
        assertThat(promoted.previousVersion()).isNull();
        assertThat(promoted.candidateId()).isEqualTo(trained.candidateId());
        assertThat(promoted.artifact()).isEqualTo(trained.artifact());
        assertThat(promoted.datasetId()).isEqualTo(trained.datasetId());
        assertThat(promoted.metrics()).containsEntry("accuracy", 0.91);
        assertThat(promoted.reason()).isEqualTo("bootstrap: 500 labelled examples; passed 1 of 1 gates");
        assertThat(TopicProbe.header(record, EventHeaders.CE_TYPE)).contains("io.driftloop.model.promoted.v1");
        assertThat(TopicProbe.header(record, EventHeaders.CE_SUBJECT)).contains(model);

        given().when().get("/api/models/{name}/champion", model).then().statusCode(200)
                .body("model", equalTo(model)).body("version", equalTo(1))
                .body("artifact.sha256", equalTo(trained.artifact().sha256()))
                .body("candidateId", equalTo(trained.candidateId()));
        given().when().get("/api/models/{name}/versions", model).then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].version", equalTo(1))
                .body("[0].stage", equalTo("champion"))
                .body("[0].lineage.datasetId", equalTo(trained.datasetId()))
                .body("[0].lineage.offsets[0].topic", equalTo("ct.examples.v1"))
                .body("[0].lineage.offsets[0].toOffset", equalTo(600))
                .body("[0].lineage.specHash", equalTo(trained.specHash()))
                .body("[0].lineage.seed", equalTo(42))
                .body("[0].lineage.codeVersion", equalTo("0.1.0"))
                .body("[0].lineage.hyperparameters.hiddenLayers", equalTo(List.of(32, 16)))
                .body("[0].metrics.accuracy", equalTo(0.91f))
                .body("[0].gates[0].gate", equalTo("min-accuracy"))
                .body("[0].history.stage", equalTo(List.of("candidate", "passed", "champion")));
        given().when().get("/api/models/{name}", model).then().statusCode(200)
                .body("champion.version", equalTo(1)).body("versions", equalTo(1));

        // the same evaluation and trained event again, then another model's events behind them on the same partitions
        kafka.send(Topics.MODEL_TRAINED, model, Json.encode(trained));
        kafka.send(Topics.MODEL_EVALUATED, model, Json.encode(evaluated));
        String other = samePartition(model, "other");
        register(other, "auto");
        kafka.send(Topics.MODEL_TRAINED, other, Json.encode(Fixtures.trained(other, "first")));
        kafka.send(Topics.MODEL_EVALUATED, other, Json.encode(Fixtures.evaluated(other, "first", true)));
        List<ConsumerRecord<String, String>> promotions = kafka.readUntil(Topics.MODEL_PROMOTED,
                rs -> rs.stream().anyMatch(r -> other.equals(r.key())), WAIT);

        assertThat(promotions).filteredOn(r -> model.equals(r.key())).hasSize(1);
        List<ModelLifecycleChanged> lifecycle = lifecycle(model, other);
        assertThat(lifecycle).extracting(ModelLifecycleChanged::eventId).doesNotHaveDuplicates();
        assertThat(lifecycle).extracting(ModelLifecycleChanged::stage)
                .containsExactly(LifecycleStage.CANDIDATE, LifecycleStage.CHAMPION);
        given().when().get("/api/models/{name}/versions", model).then().body("size()", equalTo(1));
    }

    @Test
    void aFailedCandidateIsNeverPromoted() {
        String model = unique("failing");
        register(model, "auto");

        kafka.send(Topics.MODEL_TRAINED, model, Json.encode(Fixtures.trained(model, "weak")));
        kafka.send(Topics.MODEL_EVALUATED, model, Json.encode(Fixtures.evaluated(model, "weak", false)));
        kafka.send(Topics.MODEL_TRAINED, model, Json.encode(Fixtures.trained(model, "strong")));
        kafka.send(Topics.MODEL_EVALUATED, model, Json.encode(Fixtures.evaluated(model, "strong", true)));

        List<ConsumerRecord<String, String>> promotions = kafka.readUntil(Topics.MODEL_PROMOTED,
                rs -> rs.stream().anyMatch(r -> model.equals(r.key())), WAIT);
        assertThat(promotions).filteredOn(r -> model.equals(r.key())).singleElement()
                .satisfies(r -> assertThat(Json.decode(r.value(), ModelPromoted.class).version()).isEqualTo(2));
        given().when().get("/api/models/{name}/versions", model).then().statusCode(200)
                .body("stage", equalTo(List.of("failed", "champion")))
                .body("[0].passed", equalTo(false))
                .body("[0].summary", equalTo("failed 1 of 1 gates"));
        given().when().get("/api/models/{name}/champion", model).then().body("version", equalTo(2))
                .body("previousVersion", nullValue());
    }

    @Test
    void anEvaluationThatOvertakesItsTrainedEventIsDecidedWhenTheCandidateArrives() {
        String model = unique("overtaken");
        register(model, "auto");

        kafka.send(Topics.MODEL_EVALUATED, model, Json.encode(Fixtures.evaluated(model, "late", true)));
        Awaitility.await().atMost(WAIT).until(() -> pendingEvaluations() >= 1);
        kafka.send(Topics.MODEL_TRAINED, model, Json.encode(Fixtures.trained(model, "late")));

        ConsumerRecord<String, String> record = kafka.await(Topics.MODEL_PROMOTED, r -> model.equals(r.key()), WAIT);
        assertThat(Json.decode(record.value(), ModelPromoted.class).version()).isEqualTo(1);
        assertThat(pendingEvaluations()).isZero();
    }

    @Test
    void malformedAndSpeclessEvaluationsAreDeadLettered() {
        String marker = UUID.randomUUID().toString();
        String unregistered = unique("unregistered");

        kafka.send(Topics.MODEL_EVALUATED, "broken", "{\"model\": \"broken\", \"passed\": false, \"testRows\": 0, \"summary\": \"" + marker + "\"}");
        kafka.send(Topics.MODEL_EVALUATED, unregistered, Json.encode(Fixtures.evaluated(unregistered, "x", true)));

        ConsumerRecord<String, String> malformed = kafka.await(Topics.deadLetter(Topics.MODEL_EVALUATED),
                r -> r.value().contains(marker), WAIT);
        assertThat(TopicProbe.header(malformed, EventHeaders.DL_REASON))
                .hasValueSatisfying(reason -> assertThat(reason).contains("eventId"));
        assertThat(TopicProbe.header(malformed, EventHeaders.DL_SOURCE_TOPIC)).contains(Topics.MODEL_EVALUATED);
        assertThat(TopicProbe.header(malformed, EventHeaders.DL_SOURCE_OFFSET)).isPresent();
        assertThat(TopicProbe.header(malformed, EventHeaders.DL_SERVICE)).contains("registry");
        ConsumerRecord<String, String> specless = kafka.await(Topics.deadLetter(Topics.MODEL_EVALUATED),
                r -> unregistered.equals(r.key()), WAIT);
        assertThat(TopicProbe.header(specless, EventHeaders.DL_REASON))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no spec is registered"));
    }

    @Test
    void anUnknownModelIsAProblemDocument() {
        String model = unique("nobody");

        problem(given().when().get("/api/models/{name}", model), 404).body("detail", containsString(model));
        problem(given().when().get("/api/models/{name}/versions", model), 404);
        problem(given().when().get("/api/models/{name}/champion", model), 404);
    }

    private List<ModelLifecycleChanged> lifecycle(String model, String signal) {
        return kafka.readUntil(Topics.MODEL_LIFECYCLE, rs -> rs.stream().anyMatch(r -> signal.equals(r.key())), WAIT)
                .stream().filter(r -> model.equals(r.key()))
                .peek(r -> assertThat(schemaErrors(Topics.MODEL_LIFECYCLE, r.value())).as(r.value()).isEmpty())
                .map(r -> Json.decode(r.value(), ModelLifecycleChanged.class)).toList();
    }

    static double pendingEvaluations() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("driftloop_registry_pending_evaluations"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    /** A model name whose records land on the same partitions as {@code model}'s (3 partitions each). */
    static String samePartition(String model, String prefix) {
        for (int i = 0; ; i++) {
            String candidate = unique(prefix);
            if (partition(candidate) == partition(model)) {
                return candidate;
            }
        }
    }

    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 3;
    }
}
