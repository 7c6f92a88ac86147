package io.driftloop.console.api;

import io.driftloop.console.domain.LagRules;
import io.driftloop.console.domain.Stages;
import io.driftloop.console.domain.Timeline;
import io.driftloop.console.messaging.Champions;
import io.driftloop.console.messaging.EventLog;
import io.driftloop.console.messaging.LagMonitor;
import io.driftloop.console.messaging.ServiceHealth;
import io.driftloop.contracts.events.ModelPromoted;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The loop at a glance, at {@code /}: one block per stage with its service's readiness and its
 * consumer groups (status, the rule that produced it, lag and rate per partition), the dead-letter
 * topics' counts and each model's champion. Server-rendered; the page refreshes its content every
 * few seconds when JavaScript runs. The same data as JSON at {@code /api/overview}.
 */
@Path("/")
public class OverviewPage {

    /** One stage: its service's readiness (null when not configured) and its groups. */
    public record Stage(String name, ServiceHealth.Answer health, List<LagMonitor.GroupLag> groups) {
    }

    /**
     * A model: its champion (version 0 before any) and how long ago it was promoted, and its newest
     * retrain when one is in flight: the step it waits at and since when.
     */
    public record Champion(String model, int version, Integer previousVersion, Instant promotedAt, String ago,
                           String reason, String inFlight, String inFlightFor) {
    }

    /** Everything the overview shows. */
    public record Overview(Instant sampledAt, String failure, List<Stage> stages, Map<String, Long> deadLetters,
                           long deadLettersTotal, List<Champion> champions) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(Overview overview);
    }

    private final LagMonitor lag;
    private final ServiceHealth health;
    private final Champions champions;
    private final EventLog events;

    public OverviewPage(LagMonitor lag, ServiceHealth health, Champions champions, EventLog events) {
        this.lag = lag;
        this.health = health;
        this.champions = champions;
        this.events = events;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        return Templates.overview(overview());
    }

    @GET
    @Path("api/overview")
    @Produces(MediaType.APPLICATION_JSON)
    public Overview overview() {
        LagMonitor.Snapshot s = lag.snapshot();
        Map<String, ServiceHealth.Answer> answers = health.answers();
        Map<String, List<LagMonitor.GroupLag>> byStage = new LinkedHashMap<>();
        Stages.ORDER.forEach(stage -> byStage.put(stage, new ArrayList<>()));
        for (LagMonitor.GroupLag g : s.groups()) {
            byStage.computeIfAbsent(Stages.of(g.group()), k -> new ArrayList<>()).add(g);
        }
        List<Stage> stages = new ArrayList<>();
        byStage.forEach((name, groups) -> stages.add(new Stage(name, answers.get(name), groups)));
        Instant now = Instant.now();
        Map<String, ModelPromoted> byModel = new TreeMap<>();
        champions.all().forEach(c -> byModel.put(c.model(), c));
        Set<String> models = new TreeSet<>(byModel.keySet());
        models.addAll(events.models());
        List<Champion> champs = models.stream().map(m -> champion(m, byModel.get(m), now)).toList();
        return new Overview(s.at(), s.failure(), stages, s.deadLetters(),
                s.deadLetters().values().stream().mapToLong(Long::longValue).sum(), champs);
    }

    private Champion champion(String model, ModelPromoted c, Instant now) {
        Timeline.Episode newest = Timeline.episodes(model, events.history(model)).stream().findFirst().orElse(null);
        String inFlight = newest == null ? null : newest.waitingFor().orElse(null);
        String inFlightFor = inFlight == null || newest.startedAt() == null ? null
                : LagRules.human(Duration.between(newest.startedAt(), now));
        if (c == null) {
            return new Champion(model, 0, null, null, "", null, inFlight, inFlightFor);
        }
        String ago = c.promotedAt() == null ? "" : LagRules.human(Duration.between(c.promotedAt(), now)) + " ago";
        return new Champion(c.model(), c.version(), c.previousVersion(), c.promotedAt(), ago, c.reason(), inFlight,
                inFlightFor);
    }
}
