package io.driftloop.console.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftloop.console.config.ConsoleConfig;
import io.driftloop.contracts.Json;
import io.driftloop.kit.FollowersReadiness;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Each service's readiness, asked at {@code <url>/q/health/ready} every sample interval with a 2 s
 * timeout ({@code driftloop.console.services.<name>=<url>}): where a group-less follower's state
 * shows (it commits nothing, so no lag can show it stuck), and whether a service answers at all.
 */
@ApplicationScoped
public class ServiceHealth {

    /**
     * A service's last answer: UP, DOWN (with the checks that are down) or UNREACHABLE, and the state
     * of each of its group-less followers ("following", "catching up", or its trouble) as its
     * {@code topic-followers} check reports them.
     */
    public record Answer(String service, String url, String status, List<String> down, Instant at,
                         Map<String, String> followers) {
    }

    /** What the {@code topic-followers} check says of a follower that is well. */
    static final List<String> WELL = List.of(FollowersReadiness.FOLLOWING, FollowersReadiness.CATCHING_UP);

    private final ConsoleConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "service-health");
        t.setDaemon(true);
        return t;
    });

    private final MeterRegistry meters;
    private final Set<String> followerGauges = ConcurrentHashMap.newKeySet();

    public ServiceHealth(ConsoleConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
        config.services().keySet().forEach(name -> Gauge.builder("driftloop.console.service.ready", answers,
                        a -> a.containsKey(name) && "UP".equals(a.get(name).status()) ? 1 : 0)
                .tag("service", name).description("1 while the service's /q/health/ready is UP (a stopped follower "
                        + "makes it DOWN), 0 otherwise").register(meters));
    }

    void start(@Observes StartupEvent ignored) {
        timer.scheduleWithFixedDelay(this::askAll, 0, config.sampleInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ignored) {
        timer.shutdownNow();
    }

    /** The last answer of every configured service, by name. */
    public Map<String, Answer> answers() {
        return new TreeMap<>(answers);
    }

    private void askAll() {
        config.services().forEach((name, url) -> {
            Answer a = ask(name, url);
            answers.put(name, a);
            a.followers().keySet().forEach(follower -> gauge(name, follower));
        });
    }

    /** A follower seen for the first time gets its gauge: 1 while it is well, 0 while in trouble or unheard of. */
    private void gauge(String service, String follower) {
        if (followerGauges.add(service + "/" + follower)) {
            Gauge.builder("driftloop.console.follower.ok", answers, a -> {
                        Answer answer = a.get(service);
                        String state = answer == null ? null : answer.followers().get(follower);
                        // a service that does not answer says nothing of its followers: its own alert tells
                        return state == null ? Double.NaN : WELL.contains(state) ? 1 : 0;
                    }).tag("service", service).tag("follower", follower)
                    .description("1 while the service's group-less follower reads its topic (following or catching "
                            + "up), 0 while it is stopped or retrying a failure; NaN while the service does not answer")
                    .register(meters);
        }
    }

    /** The followers' states in a readiness answer: the {@code topic-followers} check's data. */
    static Map<String, String> followers(JsonNode body) {
        Map<String, String> out = new TreeMap<>();
        body.path("checks").forEach(c -> {
            if (FollowersReadiness.NAME.equals(c.path("name").asText())) {
                c.path("data").fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
            }
        });
        return out;
    }

    Answer ask(String name, String url) {
        Instant at = Instant.now();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = Json.decode(r.body(), JsonNode.class);
            List<String> down = new ArrayList<>();
            body.path("checks").forEach(c -> {
                if (!"UP".equals(c.path("status").asText())) {
                    down.add(c.path("name").asText() + (c.path("data").isMissingNode() ? "" : " " + c.path("data")));
                }
            });
            return new Answer(name, url, body.path("status").asText("DOWN"), down, at, followers(body));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Answer(name, url, "UNREACHABLE", List.of(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())), at, Map.of());
        }
    }
}
