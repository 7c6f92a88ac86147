package io.driftloop.console.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftloop.contracts.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's versions and champion history as the registry holds them (its open read API:
 * {@code GET /api/models/{name}/versions} and {@code /history}): the registry applies the lifecycle
 * log's rules, so the console asks it rather than reading {@code ct.model.lifecycle.v1} again.
 */
@ApplicationScoped
public class RegistryModels {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** One stage a version went through. */
    public record Stage(String stage, Instant at, String reason) {
    }

    /** One version: its stage now, its lineage in brief, and the stages it went through. */
    public record Version(int version, String candidateId, String stage, String datasetId, Instant trainedAt,
                          String trigger, Integer trials, Boolean passed, Instant evaluatedAt, Instant promotedAt,
                          List<Stage> stages) {
    }

    /** One change of champion: who or what made it, how and why. */
    public record ChampionChange(int version, Integer previousVersion, Instant at, String action, String actor,
                                 String reason, String justification) {
    }

    /** The registry's answer, or why there is none. */
    public record Models(List<Version> versions, List<ChampionChange> changes, String problem) {
    }

    private final RegistryApi api;

    public RegistryModels(RegistryApi api) {
        this.api = api;
    }

    /** The model's versions (newest first) and champion changes (newest first). */
    public Models of(String model) {
        String base = "/api/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20")
                .replace(".", "%2E");
        try {
            return models(get(base + "/versions"), get(base + "/history"));
        } catch (IOException | RuntimeException e) {
            return new Models(List.of(), List.of(), "the registry at " + api.base() + " could not be asked: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Models(List.of(), List.of(), "interrupted while asking the registry");
        }
    }

    /** The registry's answers read; throws on an answer of another shape. */
    static Models models(JsonNode versions, JsonNode history) {
        List<Version> out = new ArrayList<>();
        for (JsonNode v : versions.isArray() ? versions : versions.path("versions")) {
            JsonNode lineage = v.path("lineage");
            List<Stage> stages = new ArrayList<>();
            v.path("history").forEach(s -> stages.add(new Stage(s.path("stage").asText(), instant(s.get("at")),
                    s.path("reason").asText(null))));
            out.add(new Version(v.path("version").asInt(), v.path("candidateId").asText(null), v.path("stage").asText(),
                    lineage.path("datasetId").asText(null), instant(lineage.get("trainedAt")),
                    lineage.path("trigger").asText(null), lineage.path("trials").isArray() ? lineage.path("trials").size() : null,
                    v.hasNonNull("passed") ? v.get("passed").asBoolean() : null, instant(v.get("evaluatedAt")),
                    instant(v.get("promotedAt")), stages));
        }
        out.sort((a, b) -> Integer.compare(b.version(), a.version()));
        List<ChampionChange> changes = new ArrayList<>();
        history.path("changes").forEach(c -> changes.add(new ChampionChange(c.path("version").asInt(),
                c.hasNonNull("previousVersion") ? c.get("previousVersion").asInt() : null, instant(c.get("at")),
                c.path("action").asText(null), c.path("actor").asText(null), c.path("reason").asText(null),
                c.path("justification").asText(null))));
        java.util.Collections.reverse(changes);
        return new Models(out, changes, null);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = api.http().send(HttpRequest.newBuilder(api.uri(path)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            return Json.decode("[]", JsonNode.class);
        }
        if (r.statusCode() != 200) {
            throw new IOException(api.uri(path) + " answered HTTP " + r.statusCode());
        }
        return Json.decode(r.body(), JsonNode.class);
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }
}
