package io.driftloop.scorer.api;

import io.driftloop.contracts.Json;
import io.driftloop.scorer.messaging.ChampionSubscription;
import io.driftloop.subscriber.LoadedModel;
import io.driftloop.subscriber.ModelSubscriber;
import io.driftloop.subscriber.SubscriptionStatus;
import io.driftloop.subscriber.dl4j.Dl4jModel;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /status}: for each model, the version serving, the latest promoted, swaps, refusals
 * and the latest refusal's reason; and whether the promotions topic has been read.
 */
@Path("/status")
public class StatusResource {

    /** One model's line of the status. */
    public record ModelStatus(Integer version, Integer latestPromoted, String candidateId, Instant loadedAt,
                              Long loadMillis, long swaps, long failures, String lastError, Instant lastErrorAt) {
    }

    /** The whole status document. */
    public record Status(boolean caughtUp, String stoppedBecause, Map<String, ModelStatus> models) {
    }

    private final ModelSubscriber<Dl4jModel> models;

    public StatusResource(ChampionSubscription subscription) {
        this.models = subscription.subscriber();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String status() {
        Map<String, ModelStatus> out = new TreeMap<>();
        for (SubscriptionStatus s : models.statuses().values()) {
            LoadedModel<Dl4jModel> m = models.current(s.model()).orElse(null);
            out.put(s.model(), new ModelStatus(s.version(), s.latestPromoted(), m == null ? null : m.candidateId(),
                    m == null ? null : m.loadedAt(), m == null ? null : m.loadMillis(), s.swaps(), s.failures(),
                    s.lastError(), s.lastErrorAt()));
        }
        return Json.encode(new Status(models.caughtUp(), models.stoppedBecause(), out));
    }
}
