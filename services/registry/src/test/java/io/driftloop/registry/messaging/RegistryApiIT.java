package io.driftloop.registry.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.driftloop.contracts.EventHeaders;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelLifecycleChanged;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.infra.kafka.KafkaTestResource;
import io.driftloop.infra.kafka.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The REST API of promotion decisions, aliases, history and lineage, and its authentication, against
 * the real broker: each change is read back from ct.model.lifecycle.v1 and each champion change
 * from ct.model.promoted.v1.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@Order(1)
class RegistryApiIT extends RegistryBrokerIT {

    @Test
    void manualPromotionWaitsForAnApproverAndThenPublishesTheChampion() {
        String model = unique("manual");
        register(model, "manual");
        train(model, "first", true);
        awaitStage(model, 1, "passed");

        given().when().get("/api/models/{name}/champion", model).then().statusCode(404);
        given().when().get("/api/models/{name}/aliases", model).then().statusCode(200)
                .body("aliases.challenger", equalTo(1)).body("aliases", not(hasKey("champion")));
        Users.operator().when().post("/api/models/{name}/versions/1/approve", model).then().statusCode(403);

        Users.approver().when().post("/api/models/{name}/versions/1/approve", model).then().statusCode(200)
                .body("stage", equalTo("champion")).body("action", equalTo("approval"))
                .body("actor", equalTo("user alice (approve)")).body("championVersion", equalTo(1));

        ModelPromoted promoted = promotion(model, 1);
        assertThat(promoted.action()).isEqualTo("approval");
        assertThat(promoted.actor()).isEqualTo("user alice (approve)");
        assertThat(promoted.previousVersion()).isNull();
        List<ConsumerRecord<String, String>> promotions = records(Topics.MODEL_PROMOTED, model);
        assertThat(promotions).hasSize(1);
        assertThat(TopicProbe.header(promotions.get(0), EventHeaders.CE_ID)).isPresent();
        given().when().get("/api/models/{name}/history", model).then().statusCode(200)
                .body("changes.size()", equalTo(1)).body("changes[0].version", equalTo(1))
                .body("changes[0].actor", equalTo("user alice (approve)"));
    }

    @Test
    void aRollbackPublishesThePreviousChampion() {
        String model = unique("rollback");
        register(model, "auto");
        train(model, "first", true);
        promotion(model, 1);
        train(model, "second", true, 1);
        promotion(model, 2);

        Users.operator().contentType("application/json").body("{\"reason\": \"latency regression\"}")
                .when().post("/api/models/{name}/rollback", model).then().statusCode(200)
                .body("version", equalTo(1)).body("previousVersion", equalTo(2)).body("action", equalTo("rollback"));

        List<ModelPromoted> promoted = Awaitility.await().atMost(WAIT).until(() -> records(Topics.MODEL_PROMOTED, model).stream()
                .map(r -> Json.decode(r.value(), ModelPromoted.class)).toList(), l -> l.size() == 3);
        assertThat(promoted).extracting(ModelPromoted::version, ModelPromoted::previousVersion, ModelPromoted::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, null, "auto"),
                        org.assertj.core.groups.Tuple.tuple(2, 1, "auto"),
                        org.assertj.core.groups.Tuple.tuple(1, 2, "rollback"));
        assertThat(promoted.get(2).reason()).isEqualTo("rollback from version 2 to version 1 by olivia: latency regression");
        given().when().get("/api/models/{name}/champion", model).then().body("version", equalTo(1));
        given().when().get("/api/models/{name}/history", model).then().statusCode(200)
                .body("championVersion", equalTo(1))
                .body("changes.version", equalTo(List.of(1, 2, 1)))
                .body("changes[2].actor", equalTo("user olivia (rollback)"))
                .body("changes[2].reason", containsString("latency regression"));
        problem(Users.operator().when().post("/api/models/{name}/rollback?to=1", model), 409)
                .body("detail", containsString("already champion"));
        problem(Users.operator().when().post("/api/models/{name}/rollback?to=2", model), 409)
                .body("detail", containsString("newer than the champion")).body("detail", containsString("approve"));
        problem(Users.operator().when().post("/api/models/{name}/rollback?to=7", model), 404);
    }

    @Test
    void anOverrideNeedsAWrittenJustificationAndIsAudited() {
        String model = unique("override");
        register(model, "auto");
        train(model, "weak", false);
        awaitStage(model, 1, "failed");

        problem(Users.approver().contentType("application/json").body("{}")
                .when().post("/api/models/{name}/versions/1/override", model), 400)
                .body("detail", containsString("justification"));
        problem(Users.approver().when().post("/api/models/{name}/versions/1/override", model), 400);
        given().when().get("/api/models/{name}/versions/1", model).then().body("stage", equalTo("failed"));
        problem(Users.approver().when().post("/api/models/{name}/versions/1/approve", model), 409)
                .body("detail", containsString("override"));

        Users.approver().contentType("application/json")
                .body("{\"justification\": \"the fairness gate used the wrong attribute (ticket 42)\"}")
                .when().post("/api/models/{name}/versions/1/override", model).then().statusCode(200)
                .body("action", equalTo("override"))
                .body("justification", equalTo("the fairness gate used the wrong attribute (ticket 42)"));

        ModelPromoted promoted = promotion(model, 1);
        assertThat(promoted.action()).isEqualTo("override");
        assertThat(promoted.reason()).contains("override by alice").contains("ticket 42");
        ModelLifecycleChanged event = lifecycle(model).stream().filter(e -> "override".equals(e.action()))
                .findFirst().orElseThrow();
        assertThat(event.justification()).contains("ticket 42");
        assertThat(event.actor()).isEqualTo("user alice (override)");
        given().when().get("/api/models/{name}/history", model).then()
                .body("changes[0].justification", containsString("ticket 42"))
                .body("changes[0].action", equalTo("override"));
    }

    @Test
    void aliasesAreSetAndRemovedEachAsALifecycleEvent() {
        String model = unique("aliases");
        register(model, "auto");
        train(model, "first", true);
        promotion(model, 1);

        Users.operator().contentType("application/json").body("{\"version\": 1}")
                .when().put("/api/models/{name}/aliases/{alias}", model, "eu-prod").then().statusCode(200)
                .body("stage", equalTo("alias-set")).body("alias", equalTo("eu-prod"));
        given().when().get("/api/models/{name}/aliases", model).then()
                .body("aliases.champion", equalTo(1)).body("aliases.eu-prod", equalTo(1));
        problem(Users.operator().contentType("application/json").body("{\"version\": 1}")
                .when().put("/api/models/{name}/aliases/{alias}", model, "champion"), 400);
        problem(Users.operator().contentType("application/json").body("{\"version\": 9}")
                .when().put("/api/models/{name}/aliases/{alias}", model, "later"), 404);

        Users.operator().when().delete("/api/models/{name}/aliases/{alias}", model, "eu-prod").then().statusCode(200)
                .body("stage", equalTo("alias-removed"));

        given().when().get("/api/models/{name}/aliases", model).then().body("aliases", not(hasKey("eu-prod")));
        assertThat(lifecycle(model)).extracting(ModelLifecycleChanged::alias).containsSubsequence("eu-prod", "eu-prod");
        records(Topics.MODEL_LIFECYCLE, model).forEach(r -> assertThat(schemaErrors(Topics.MODEL_LIFECYCLE, r.value())).isEmpty());
    }

    @Test
    void theLineageOfAVersionNamesItsInputsReportsAndGates() {
        String model = unique("lineage");
        register(model, "auto");
        kafka.send(Topics.MODEL_TRAINED, model, Json.encode(Fixtures.trained(model, "first")));
        ModelEvaluated evaluated = Fixtures.evaluatedWithReport(model, "first", true);
        kafka.send(Topics.MODEL_EVALUATED, model, Json.encode(evaluated));
        promotion(model, 1);

        given().when().get("/api/models/{name}/versions/1/lineage", model).then().statusCode(200)
                .body("version", equalTo(1))
                .body("training.datasetId", equalTo(Fixtures.trained(model, "first").datasetId()))
                .body("training.offsets[0].fromOffset", equalTo(100))
                .body("training.specHash", equalTo("sha256:" + "c".repeat(64)))
                .body("training.hyperparameters.learningRate", equalTo(0.01f))
                .body("training.seed", equalTo(42))
                .body("training.codeVersion", equalTo("0.1.0"))
                .body("evaluation.report.uri", equalTo(evaluated.report().uri()))
                .body("evaluation.reportHtml.sha256", equalTo(evaluated.reportHtml().sha256()))
                .body("evaluation.gatesSummary.total", equalTo(1))
                .body("evaluation.gatesSummary.passed", equalTo(1))
                .body("evaluation.gates[0].kind", equalTo("minimum"))
                .body("evaluation.gates[0].lower", equalTo(0.88f))
                .body("history.stage", equalTo(List.of("candidate", "passed", "champion")));
        problem(given().when().get("/api/models/{name}/versions/5/lineage", model), 404);
    }

    @Test
    void everyMutatingEndpointAnswers401WithoutAnd403WithTheWrongRoleAndChangesNothing() {
        String model = unique("guarded");
        register(model, "manual");
        train(model, "first", true);
        train(model, "second", false);
        awaitStage(model, 2, "failed");
        Users.approver().when().post("/api/models/{name}/versions/1/approve", model).then().statusCode(200);
        Users.operator().contentType("application/json").body("{\"version\": 1}")
                .when().put("/api/models/{name}/aliases/{alias}", model, "stable").then().statusCode(200);
        String before = snapshot(model);
        int events = lifecycle(model).size();

        List<Request> requests = List.of(
                new Request("PUT spec", "viewer", s -> s.contentType("application/yaml")
                        .body(bytes(Fixtures.spec(model, "auto"))).put("/api/models/{name}", model).then().extract().statusCode()),
                new Request("PUT alias", "approver", s -> s.contentType("application/json").body("{\"version\": 2}")
                        .put("/api/models/{name}/aliases/{alias}", model, "stable").then().extract().statusCode()),
                new Request("DELETE alias", "approver", s -> s.delete("/api/models/{name}/aliases/{alias}", model, "stable")
                        .then().extract().statusCode()),
                new Request("POST rollback", "approver", s -> s.post("/api/models/{name}/rollback?to=1", model)
                        .then().extract().statusCode()),
                new Request("POST approve", "operator", s -> s.post("/api/models/{name}/versions/1/approve", model)
                        .then().extract().statusCode()),
                new Request("POST override", "operator", s -> s.contentType("application/json")
                        .body("{\"justification\": \"x\"}").post("/api/models/{name}/versions/2/override", model)
                        .then().extract().statusCode()));

        for (Request request : requests) {
            assertThat(request.call().apply(given())).as(request.name() + " without credentials").isEqualTo(401);
            assertThat(request.call().apply(Users.wrongPassword())).as(request.name() + " with a wrong password")
                    .isEqualTo(401);
            assertThat(request.call().apply(Users.viewer())).as(request.name() + " as viewer").isEqualTo(403);
            Supplier<RequestSpecification> wrongRole = switch (request.wrongRole()) {
                case "operator" -> Users::operator;
                case "approver" -> Users::approver;
                default -> Users::viewer;
            };
            assertThat(request.call().apply(wrongRole.get())).as(request.name() + " as " + request.wrongRole())
                    .isEqualTo(403);
        }
        List<String> challenges = problem(given().when().post("/api/models/{name}/versions/1/approve", model), 401)
                .extract().headers().getValues("WWW-Authenticate");
        assertThat(challenges).anySatisfy(c -> assertThat(c).startsWith("Basic"))
                .anySatisfy(c -> assertThat(c).startsWith("Bearer"));
        problem(Users.operator().when().post("/api/models/{name}/versions/1/approve", model), 403);

        // a change afterwards proves the log was read up to here: nothing of the refused requests is on it
        Users.operator().contentType("application/json").body("{\"version\": 2}")
                .when().put("/api/models/{name}/aliases/{alias}", model, "marker").then().statusCode(200);
        List<ModelLifecycleChanged> after = lifecycle(model);
        assertThat(after).hasSize(events + 1);
        assertThat(after.get(after.size() - 1).alias()).isEqualTo("marker");
        Users.operator().when().delete("/api/models/{name}/aliases/{alias}", model, "marker").then().statusCode(200);
        awaitEvents(model, events + 2);
        assertThat(snapshot(model)).isEqualTo(before);
    }

    @Test
    void aBearerJwtWithTheRoleInItsGroupsIsAcceptedAndOneSignedByAnotherKeyIsNot() {
        String model = unique("jwt");
        register(model, "auto");
        train(model, "first", true);
        promotion(model, 1);

        Users.bearer(Users.jwt("ops-bot", List.of("operator"), "private.pem")).contentType("application/json")
                .body("{\"version\": 1}").when().put("/api/models/{name}/aliases/{alias}", model, "canary")
                .then().statusCode(200).body("actor", equalTo("user ops-bot (alias)"));
        problem(Users.bearer(Users.jwt("ops-bot", List.of("viewer"), "private.pem")).contentType("application/json")
                .body("{\"version\": 1}").when().put("/api/models/{name}/aliases/{alias}", model, "canary2"), 403);
        problem(Users.bearer(Users.jwt("mallory", List.of("operator"), "untrusted-private.pem"))
                .contentType("application/json").body("{\"version\": 1}")
                .when().put("/api/models/{name}/aliases/{alias}", model, "canary3"), 401);
        problem(Users.bearer(Users.jwt("ops-bot", List.of("operator"), "private.pem", "another-service"))
                .contentType("application/json").body("{\"version\": 1}")
                .when().put("/api/models/{name}/aliases/{alias}", model, "canary4"), 401);
        given().when().get("/api/models/{name}/aliases", model).then().body("aliases.canary", equalTo(1))
                .body("aliases.canary2", nullValue()).body("aliases.canary3", nullValue())
                .body("aliases.canary4", nullValue());
    }

    @Test
    void theApiIsDescribedByOpenApiWithItsSecuritySchemes() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/models/{name}/rollback"))
                .body("paths", hasKey("/api/models/{name}/versions/{version}/override"))
                .body("paths", hasKey("/api/models/{name}/versions/{version}/lineage"))
                .body("paths", hasKey("/api/models/{name}/history"))
                .body("components.securitySchemes", hasKey("basic"))
                .body("components.securitySchemes", hasKey("jwt"))
                .body("paths.'/api/models/{name}/aliases/{alias}'.put.requestBody.content.'application/json'.schema.$ref",
                        containsString("AliasRequest"))
                .body("paths.'/api/models/{name}/versions/{version}/override'.post.requestBody.content.'application/json'"
                        + ".schema.$ref", containsString("OverrideRequest"))
                .body("paths.'/api/models/{name}/rollback'.post.requestBody.content.'application/json'.schema.$ref",
                        containsString("RollbackRequest"))
                .body("paths.'/api/models/{name}/versions/{version}/approve'.post.responses",
                        org.hamcrest.Matchers.allOf(hasKey("401"), hasKey("403"), hasKey("404"), hasKey("409")))
                .body("paths.'/api/models/{name}/versions/{version}/approve'.post.responses.'409'.content",
                        hasKey("application/problem+json"))
                .body("paths.'/api/models/{name}/rollback'.post.responses.'401'.content",
                        hasKey("application/problem+json"))
                .body("paths.'/api/models/{name}'.put.responses.'403'.content.'application/problem+json'.schema.$ref",
                        containsString("Problem"))
                .body("paths.'/api/models/{name}'.put.security.size()", equalTo(2))
                .body("paths.'/api/models/{name}'.get.security", nullValue());
    }

    @Test
    void everyErrorIsAProblemDocument() {
        problem(given().when().get("/api/models/{name}/no-such-resource", unique("x")), 404);
        problem(given().when().delete("/api/models"), 405);
        problem(Users.operator().contentType("application/json").body("{not json")
                .when().put("/api/models/{name}/aliases/{alias}", unique("x"), "a"), 400);
    }

    /** Builds {@link RegistryRestartIT#AUDITED}: champions 1, 2, a rollback to 1 and an alias, read back after the restart. */
    @Test
    void anAuditedModelIsLeftForTheRestart() {
        String model = RegistryRestartIT.AUDITED;
        register(model, "auto");
        train(model, "first", true);
        promotion(model, 1);
        train(model, "second", true, 1);
        promotion(model, 2);
        Users.operator().when().post("/api/models/{name}/rollback", model).then().statusCode(200);
        Users.operator().contentType("application/json").body("{\"version\": 2}")
                .when().put("/api/models/{name}/aliases/{alias}", model, "shadow").then().statusCode(200);
        given().when().get("/api/models/{name}/history", model).then().body("changes.version", equalTo(List.of(1, 2, 1)));
    }

    record Request(String name, String wrongRole, Function<RequestSpecification, Integer> call) {
    }

    private void train(String model, String candidate, boolean passed) {
        train(model, candidate, passed, null);
    }

    /** A candidate trained and evaluated against {@code champion} (null: the model has none). */
    private void train(String model, String candidate, boolean passed, Integer champion) {
        kafka.send(Topics.MODEL_TRAINED, model, Json.encode(Fixtures.trained(model, candidate)));
        kafka.send(Topics.MODEL_EVALUATED, model, Json.encode(Fixtures.evaluated(model, candidate, passed, champion)));
    }

    private void awaitStage(String model, int version, String stage) {
        Awaitility.await().atMost(WAIT).until(() -> stage.equals(given().when()
                .get("/api/models/{name}/versions/{v}", model, version).then().extract().path("stage")));
    }

    private void awaitEvents(String model, int count) {
        Awaitility.await().atMost(WAIT).until(() -> lifecycle(model).size() >= count);
    }

    private ModelPromoted promotion(String model, int version) {
        ConsumerRecord<String, String> record = kafka.await(Topics.MODEL_PROMOTED, r -> model.equals(r.key())
                && Json.decode(r.value(), ModelPromoted.class).version() == version, WAIT);
        assertThat(schemaErrors(Topics.MODEL_PROMOTED, record.value())).isEmpty();
        return Json.decode(record.value(), ModelPromoted.class);
    }

    private List<ModelLifecycleChanged> lifecycle(String model) {
        return records(Topics.MODEL_LIFECYCLE, model).stream()
                .map(r -> Json.decode(r.value(), ModelLifecycleChanged.class)).toList();
    }

    /** What the API serves of a model: spec, versions, aliases and history. */
    private static String snapshot(String model) {
        return String.join("\n",
                given().when().get("/api/models/{name}", model).then().statusCode(200).extract().asString(),
                given().when().get("/api/models/{name}/versions", model).then().statusCode(200).extract().asString(),
                given().when().get("/api/models/{name}/aliases", model).then().statusCode(200).extract().asString(),
                given().when().get("/api/models/{name}/history", model).then().statusCode(200).extract().asString());
    }
}
