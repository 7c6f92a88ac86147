package io.driftloop.registry.messaging;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.driftloop.contracts.Json;
import io.driftloop.infra.kafka.KafkaTestResource;
import io.driftloop.infra.kafka.TopicProbe;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the registry's tests against the real broker share: a {@link TopicProbe} open for each test,
 * spec registration over HTTP, reading a model's records from a topic, and the checks of problem
 * documents and published JSON.
 */
abstract class RegistryBrokerIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    TopicProbe kafka;

    @BeforeEach
    void connect() {
        kafka = new TopicProbe(KafkaTestResource.bootstrapServers());
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    /** Registers {@code model}'s spec as an operator; the call answers once the spec is readable. */
    void register(String model, String promotion) {
        Users.operator().contentType("application/yaml").body(bytes(Fixtures.spec(model, promotion)))
                .when().put("/api/models/{name}", model).then().statusCode(200);
    }

    /** Every record of {@code model} (the key) on {@code topic}, from its beginning. */
    List<ConsumerRecord<String, String>> records(String topic, String model) {
        return kafka.readAll(topic).stream().filter(r -> model.equals(r.key())).toList();
    }

    static ValidatableResponse problem(io.restassured.response.Response response, int status) {
        return response.then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("type", containsString("/problems/"))
                .body("title", org.hamcrest.Matchers.notNullValue());
    }

    /** Violations of the published JSON Schema of {@code topic} (from contracts). */
    static Set<String> schemaErrors(String topic, String json) {
        try {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(Json.class.getResourceAsStream("/schemas/" + topic + ".schema.json"))
                    .validate(Json.mapper().readTree(json)).stream().map(Object::toString)
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RestAssured encodes a String body only for content types it knows; YAML goes as bytes. */
    static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
