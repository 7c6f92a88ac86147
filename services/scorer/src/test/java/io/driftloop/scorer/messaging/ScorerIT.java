package io.driftloop.scorer.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.artifacts.ArtifactStore;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.model.ModelArtifact;
import io.driftloop.infra.kafka.KafkaTestResource;
import io.driftloop.infra.kafka.TopicProbe;
import io.driftloop.scorer.TestModels;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scorer against a real broker with real DL4J artifacts: 503 before a model, v1 promoted ->
 * predictions by v1 recorded on ct.inference.v1, v2 promoted -> swapped, a tampered v3 -> refused,
 * v2 still serving and the refusal visible on /status and /q/health/ready.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ScorerIT {

    @jakarta.inject.Inject
    @org.eclipse.microprofile.health.Readiness
    io.driftloop.kit.DeliveryReadiness delivery;

    @org.junit.jupiter.api.Test
    void everyProducerWaitsForAllInSyncReplicasAndIsIdempotent() {
        org.assertj.core.api.Assertions.assertThat(delivery.problems("inference", "dead-letters")).isEmpty();
    }

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String MODEL = "credit-scorer-it";

    @Inject
    ArtifactStore store;

    TopicProbe kafka;

    @BeforeEach
    void connect() {
        kafka = new TopicProbe(KafkaTestResource.cluster().bootstrapServers());
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    void promote(int version, ArtifactRef ref) {
        kafka.send(Topics.MODEL_PROMOTED, MODEL, Json.encode(new ModelPromoted(MODEL, version, version > 1 ? version - 1 : null,
                ref, "sha256:d", "sha256:s", Map.of("accuracy", 0.9), "test", Instant.now(), MODEL + "-c" + version, null)));
    }

    static String request(String requestId, Object x) {
        return Json.encode(Map.of("model", MODEL, "requestId", requestId,
                "features", Map.of("x", x, "region", "north"), "attributes", Map.of("gender", "f")));
    }

    static JsonPath predict(String body, int status) {
        return given().contentType("application/json").body(body).when().post("/predict")
                .then().statusCode(status).extract().jsonPath();
    }

    static int servingVersion() {
        Integer v = given().when().get("/status").then().statusCode(200).extract().jsonPath()
                .get("models.'" + MODEL + "'.version");
        return v == null ? 0 : v;
    }

    @Test
    void aBodyOverOneMebibyteOrNotJsonIsRefusedBeforeItIsRead() {
        String big = "{\"features\": {\"x\": \"" + "a".repeat(1_100_000) + "\"}}";
        given().contentType("application/json").body(big).when().post("/predict").then().statusCode(413);
        given().contentType("text/plain").body(request("r-plain", 1.0)).when().post("/predict")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void predictionsFollowPromotionsAndATamperedArtifactIsRefused() throws Exception {
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(200));

        // before any promotion: 503 with a problem document
        given().contentType("application/json").body(request("r-0", 1.0)).when().post("/predict")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5").body("title", equalTo("No model serving yet"));

        // v1
        promote(1, store.put(TestModels.artifact(MODEL, 1f), ModelArtifact.FORMAT));
        await().atMost(WAIT).until(() -> servingVersion() == 1);
        JsonPath v1 = predict(request("r-1", 0.5), 200);
        assertThat(v1.getString("model")).isEqualTo(MODEL);
        assertThat(v1.getInt("modelVersion")).isEqualTo(1);
        assertThat(v1.getDouble("score")).isCloseTo(TestModels.expected(1f, 0.5), within(1e-6));
        assertThat(v1.getInt("prediction")).isEqualTo(1);
        assertThat(v1.getString("requestId")).isEqualTo("r-1");

        ConsumerRecord<String, String> recorded = kafka.await(Topics.INFERENCE,
                r -> r.value().contains("\"requestId\":\"r-1\""), WAIT);
        assertThat(recorded.key()).isEqualTo(MODEL);
        InferenceEvent event = Json.decode(recorded.value(), InferenceEvent.class).validate();
        assertThat(event.modelVersion()).isEqualTo(1);
        assertThat(event.prediction()).isEqualTo(1);
        assertThat(event.score()).isCloseTo(v1.getDouble("score"), within(1e-6));
        assertThat(event.attributes()).containsEntry("gender", "f");
        assertThat(TopicProbe.header(recorded, "ce_id")).contains("inference:" + MODEL + ":r-1:v1");
        assertThat(TopicProbe.header(recorded, "ce_subject")).contains(MODEL);
        assertThat(TopicProbe.header(recorded, "ce_source")).contains("/driftloop/scorer");

        // bad input: 400 with the reason
        given().contentType("application/json").body(request("r-bad", "high")).when().post("/predict")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("'x' is numeric"));
        given().contentType("application/json").body("{\"features\": ").when().post("/predict")
                .then().statusCode(400).body("detail", containsString("not a valid PredictRequest"));
        given().contentType("application/json").when().post("/predict")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("empty"));
        given().contentType("application/json").body("null").when().post("/predict")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("null"));
        given().when().get("/predict").then().statusCode(405).contentType("application/problem+json")
                .body("status", equalTo(405));

        // v2 swaps in
        promote(2, store.put(TestModels.artifact(MODEL, -2f), ModelArtifact.FORMAT));
        await().atMost(WAIT).until(() -> servingVersion() == 2);
        JsonPath v2 = predict(request("r-2", 0.5), 200);
        assertThat(v2.getInt("modelVersion")).isEqualTo(2);
        assertThat(v2.getDouble("score")).isCloseTo(TestModels.expected(-2f, 0.5), within(1e-6));
        assertThat(v2.getInt("prediction")).isZero();

        // a tampered v3 is refused: v2 keeps serving, the refusal is visible
        ArtifactRef v3 = store.put(TestModels.artifact(MODEL, 3f), ModelArtifact.FORMAT);
        Path file = Path.of(URI.create(v3.uri()));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 0x33;
        Files.write(file, bytes);
        promote(3, v3);
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/status").then().statusCode(200)
                .body("models.'" + MODEL + "'.failures", equalTo(1))
                .body("models.'" + MODEL + "'.latestPromoted", equalTo(3))
                .body("models.'" + MODEL + "'.lastError", containsString("SHA-256")));
        assertThat(servingVersion()).isEqualTo(2);
        assertThat(predict(request("r-3", 0.5), 200).getInt("modelVersion")).isEqualTo(2);
        given().when().get("/q/health/ready").then().statusCode(200)
                .body(containsString(MODEL + ".lastError")).body(containsString("v2"));
    }
}
