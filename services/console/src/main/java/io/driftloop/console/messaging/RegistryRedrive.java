package io.driftloop.console.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftloop.contracts.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asks the registry to re-drive dead letters ({@code POST /api/dead-letters/redrive}), on behalf of
 * the operator whose credentials came with the console's request: the console holds no role and
 * writes nothing itself; the registry checks the operator role and does the re-drive.
 */
@ApplicationScoped
public class RegistryRedrive {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A dead letter's position. */
    public record Position(int partition, long offset) {
    }

    /** One position's outcome, as the registry reports it. */
    public record Outcome(int partition, long offset, boolean redriven, String skipped) {
    }

    /**
     * The registry's answer: its HTTP status, and on 200 the topic re-driven to and each outcome; else
     * the problem's detail (or why the registry could not be asked).
     */
    public record Answer(int status, String target, List<Outcome> outcomes, String problem) {

        public long redriven() {
            return outcomes.stream().filter(Outcome::redriven).count();
        }
    }

    private final RegistryApi api;
    private final URI registry;

    public RegistryRedrive(RegistryApi api) {
        this.api = api;
        this.registry = api.uri("/api/dead-letters/redrive");
    }

    /** Asks for {@code positions} of {@code topic} to be re-driven, with the operator's {@code authorization}. */
    public Answer redrive(String topic, List<Position> positions, String authorization) {
        HttpRequest request = HttpRequest.newBuilder(registry).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(Json.encode(Map.of("topic", topic, "records", positions))))
                .build();
        HttpResponse<String> response;
        try {
            response = api.http().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Answer(502, null, List.of(), "the registry at " + registry + " could not be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(503, null, List.of(), "interrupted while asking the registry");
        }
        JsonNode body;
        try {
            body = response.body() == null || response.body().isBlank() ? null : Json.decode(response.body(), JsonNode.class);
        } catch (RuntimeException e) {
            body = null;
        }
        if (response.statusCode() != 200 || body == null) {
            String detail = body != null && body.hasNonNull("detail") ? body.get("detail").asText()
                    : "the registry answered HTTP " + response.statusCode();
            return new Answer(response.statusCode(), null, List.of(), detail);
        }
        List<Outcome> outcomes = new ArrayList<>();
        body.path("records").forEach(r -> outcomes.add(new Outcome(r.path("partition").asInt(), r.path("offset").asLong(),
                r.path("redriven").asBoolean(), r.hasNonNull("skipped") ? r.get("skipped").asText() : null)));
        return new Answer(200, body.path("target").asText(null), outcomes, null);
    }
}
