package io.driftloop.registry.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.infra.kafka.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@link RegistryIT} in a restarted application (another test profile) on the same
 * broker: everything it knows of {@link #SURVIVOR} it rebuilt from ct.model.lifecycle.v1.
 */
@QuarkusTest
@TestProfile(RegistryRestartIT.Restarted.class)
@WithTestResource(KafkaTestResource.class)
@Order(2)
class RegistryRestartIT extends RegistryBrokerIT {

    /** The model whose champion {@link RegistryIT} creates before the restart. */
    static final String SURVIVOR = "survivor";
    /** The model {@link RegistryApiIT} promotes twice, rolls back and gives an alias before the restart. */
    static final String AUDITED = "audited";

    public static class Restarted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // this deployment closes reads to viewers (see the README)
            return Map.of("driftloop.registry.pending-evaluation-wait", "PT31S",
                    "quarkus.http.auth.permission.changes.paths", "/api/*",
                    "quarkus.http.auth.permission.changes.methods", "PUT,POST,DELETE",
                    "quarkus.http.auth.permission.changes.policy", "permit",
                    "quarkus.http.auth.permission.changes.applies-to", "JAXRS",
                    "quarkus.http.auth.permission.reads.paths", "/api/*",
                    "quarkus.http.auth.permission.reads.methods", "GET",
                    "quarkus.http.auth.permission.reads.policy", "viewers",
                    "quarkus.http.auth.permission.reads.applies-to", "JAXRS",
                    "quarkus.http.auth.policy.viewers.roles-allowed", "viewer,operator,approver");
        }
    }

    @Test
    void theChampionAndVersionsSurviveARestartAndNumberingContinues() {
        try {
            kafka.readUntil(Topics.MODEL_LIFECYCLE, rs -> rs.stream().anyMatch(r -> SURVIVOR.equals(r.key())), WAIT);
        } catch (AssertionError e) {
            throw new AssertionError("RegistryIT must run first (junit.quarkus.orderer.secondary-orderer orders the "
                    + "classes) and leave '" + SURVIVOR + "' on ct.model.lifecycle.v1", e);
        }
        await200("/api/models/" + SURVIVOR + "/champion");

        Users.viewer().when().get("/api/models/{name}/champion", SURVIVOR).then().statusCode(200)
                .body("version", equalTo(1))
                .body("candidateId", equalTo(Fixtures.candidateId(SURVIVOR, "first")));
        Users.viewer().when().get("/api/models/{name}/versions", SURVIVOR).then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].stage", equalTo("champion"))
                .body("[0].lineage.datasetId", equalTo(Fixtures.trained(SURVIVOR, "first").datasetId()))
                .body("[0].history.stage", equalTo(List.of("candidate", "passed", "champion")));

        kafka.send(Topics.MODEL_TRAINED, SURVIVOR, Json.encode(Fixtures.trained(SURVIVOR, "second")));
        kafka.send(Topics.MODEL_EVALUATED, SURVIVOR, Json.encode(Fixtures.evaluated(SURVIVOR, "second", true, 1)));

        List<ConsumerRecord<String, String>> promotions = kafka.readUntil(Topics.MODEL_PROMOTED,
                rs -> rs.stream().anyMatch(r -> SURVIVOR.equals(r.key()) && r.value().contains("\"version\":2")), WAIT);
        assertThat(promotions).filteredOn(r -> SURVIVOR.equals(r.key()))
                .extracting(r -> Json.decode(r.value(), ModelPromoted.class))
                .extracting(ModelPromoted::version, ModelPromoted::previousVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, null), org.assertj.core.groups.Tuple.tuple(2, 1));
        Users.viewer().when().get("/api/models/{name}/versions", SURVIVOR).then()
                .body("stage", equalTo(List.of("archived", "champion")));
    }

    @Test
    void aliasesAndChampionHistorySurviveARestart() {
        await200("/api/models/" + AUDITED + "/history");

        Users.viewer().when().get("/api/models/{name}/history", AUDITED).then().statusCode(200)
                .body("championVersion", equalTo(1))
                .body("changes.version", equalTo(List.of(1, 2, 1)))
                .body("changes.action", equalTo(List.of("auto", "auto", "rollback")))
                .body("changes[2].actor", equalTo("user olivia (rollback)"))
                .body("changes[2].previousVersion", equalTo(2));
        Users.viewer().when().get("/api/models/{name}/aliases", AUDITED).then().statusCode(200)
                .body("aliases.champion", equalTo(1)).body("aliases.challenger", equalTo(2))
                .body("aliases.shadow", equalTo(2));
        Users.viewer().when().get("/api/models/{name}/champion", AUDITED).then().body("version", equalTo(1))
                .body("action", equalTo("rollback"));
        // a rollback after the restart walks the rebuilt line of champions: none before version 1
        problem(Users.operator().when().post("/api/models/{name}/rollback", AUDITED), 409);
    }

    @Test
    void readsAreClosedToAnonymousCallersWhenTheDeploymentSaysSo() {
        problem(given().when().get("/api/models/{name}/history", AUDITED), 401);
        Users.viewer().when().get("/api/models").then().statusCode(200);
    }

    /** The rebuild runs beside startup: a GET answers 503 until it is done. */
    private static void await200(String path) {
        org.awaitility.Awaitility.await().atMost(WAIT)
                .until(() -> Users.viewer().when().get(path).then().extract().statusCode() != 503);
    }
}
