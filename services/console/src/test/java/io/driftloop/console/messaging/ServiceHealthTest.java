package io.driftloop.console.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftloop.contracts.Json;
import org.junit.jupiter.api.Test;

/** The group-less followers' states, read from a service's readiness answer. */
class ServiceHealthTest {

    @Test
    void theFollowersAreTheTopicFollowersChecksData() {
        JsonNode body = Json.decode("""
                {"status": "DOWN", "checks": [
                  {"name": "Kafka broker", "status": "UP"},
                  {"name": "topic-followers", "status": "DOWN", "data": {"specs": "following",
                    "champions": "catching up", "examples-index": "stopped: topic ct.examples.v1 does not exist"}}]}
                """, JsonNode.class);
        assertThat(ServiceHealth.followers(body)).containsExactly(
                java.util.Map.entry("champions", "catching up"),
                java.util.Map.entry("examples-index", "stopped: topic ct.examples.v1 does not exist"),
                java.util.Map.entry("specs", "following"));
        assertThat(ServiceHealth.WELL).contains("following", "catching up");
    }

    @Test
    void aServiceWithoutFollowersHasNone() {
        assertThat(ServiceHealth.followers(Json.decode("{\"status\": \"UP\", \"checks\": []}", JsonNode.class))).isEmpty();
        assertThat(ServiceHealth.followers(Json.decode("{}", JsonNode.class))).isEmpty();
    }
}
