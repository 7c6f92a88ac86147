package io.driftloop.local;

import io.driftloop.infra.kafka.KafkaSettings;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.Adaptation;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.FeedbackEvent;
import io.driftloop.contracts.events.GateResult;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.RetrainTrigger;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The demo loop as an outside app would drive it: registers the credit-risk spec with the
 * registry, sends requests with feedback arriving a little later, waits for the bootstrap model
 * v1, keeps the world stable for a while, then shifts it and waits for v2 and for the scorer to
 * serve it. Until v1 exists the requests are written to ct.inference.v1 unscored (the data the
 * bootstrap model is trained on); from then on they go to the scorer's {@code POST /predict},
 * which scores them with the champion and records them on ct.inference.v1 itself.
 */
public final class Demo {

    /**
     * @param eventsPerSecond  inference events sent per second
     * @param feedbackDelay    feedback of a request is sent this many requests later
     * @param stableAfterV1    requests sent after v1's promotion before the world shifts
     * @param timeout          the whole demo gives up after this
     */
    public record Settings(int eventsPerSecond, int feedbackDelay, int stableAfterV1, Duration timeout, long seed) {

        public static Settings defaults() {
            return new Settings(500, 200, 1500, Duration.ofMinutes(15), 7);
        }
    }

    /** What happened, for the summary and for assertions. */
    public record Result(ModelPromoted v1, ModelPromoted v2, ModelEvaluated v2Evaluation, Duration startToV1,
                         Duration shiftToDriftRequest, Duration shiftToV2, Duration total, long requestsSent,
                         int driftedWindows, int windows, long driftRequests, int shiftedLabelWindows,
                         int labelWindows, Map<Integer, Long> scorerPredictions, long unscoredRequests,
                         Duration v2PromotedToScorerV2, Duration timeToAdapt, int attempts,
                         List<DatasetReady> datasets, List<Adaptation> adaptations) {

        /** Gates of v2's evaluation that could not be measured on its test rows (none when every gate decided). */
        public List<GateResult> undecidedGates() {
            return v2Evaluation == null ? List.of() : v2Evaluation.gates().stream().filter(GateResult::notDecided).toList();
        }
    }

    /** How long the scorer may take to answer with v2 once v2 is promoted. */
    private static final Duration SCORER_SWAP_WAIT = Duration.ofSeconds(60);
    /** How long traffic goes on after v2 is served, for the drift-detector to report the adaptation. */
    private static final Duration ADAPTATION_WAIT = Duration.ofSeconds(30);

    private final Map<String, ?> kafka;
    private final URI registry;
    private final URI scorer;
    private final Settings settings;
    private final Consumer<String> out;

    /**
     * @param kafka  the client settings the demo connects with (bootstrap servers, credentials)
     * @param scorer the scorer's base URI; once v1 exists requests go to its {@code POST /predict}
     */
    public Demo(Map<String, ?> kafka, URI registry, URI scorer, Settings settings, Consumer<String> out) {
        this.kafka = kafka;
        this.registry = registry;
        this.scorer = scorer;
        this.settings = settings;
        this.out = out;
    }

    public Result run() {
        Instant start = Instant.now();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        registerSpec();
        CreditRiskTraffic traffic = new CreditRiskTraffic(settings.seed());
        Deque<FeedbackEvent> feedback = new ArrayDeque<>();
        long sent = 0;
        try (LoopWatcher watcher = new LoopWatcher(kafka, CreditRiskTraffic.MODEL, out);
             KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaSettings.with(kafka,
                     ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(), new StringSerializer());
             ScorerClient app = new ScorerClient(scorer, producer, out)) {
            out.accept(String.format("sending %d requests/s of %s traffic; feedback follows %d requests later",
                    settings.eventsPerSecond(), CreditRiskTraffic.MODEL, settings.feedbackDelay()));
            out.accept("until v1 exists requests are written to ct.inference.v1 unscored; then they go to the scorer at "
                    + scorer.resolve("/predict"));

            Instant v1At = null;
            Instant shiftAt = null;
            Instant v2At = null;
            // the champion after v1: v2, unless a version number went to a candidate that was not promoted
            int next = 0;
            long shiftAfter = Long.MAX_VALUE;
            int batch = Math.max(1, settings.eventsPerSecond() / 20);
            while (true) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the demo did not finish within " + settings.timeout()
                            + "; promotions so far: " + watcher.promotions().size() + "; see the service logs");
                }
                if (v1At == null && watcher.firstChampion().isPresent()) {
                    v1At = Instant.now();
                    shiftAfter = sent + settings.stableAfterV1();
                    out.accept("v1 is serving; the world stays as it is for " + settings.stableAfterV1() + " more requests");
                }
                if (shiftAt == null && sent >= shiftAfter) {
                    shiftAt = Instant.now();
                    out.accept(">>> the world shifts: applicants younger and richer, south dominates, income is judged against the new norm and age drives the risk too");
                }
                Optional<ModelPromoted> after = v2At != null ? Optional.empty() : watcher.secondChampion();
                if (after.isPresent()) {
                    v2At = Instant.now();
                    next = after.get().version();
                    out.accept("v2 is promoted; waiting for the scorer to serve it");
                }
                if (v2At != null && app.firstSeen(next) == null
                        && Duration.between(v2At, Instant.now()).compareTo(SCORER_SWAP_WAIT) > 0) {
                    break;
                }
                // traffic goes on until the drift-detector reports the adaptation on v2's first window
                if (v2At != null && app.firstSeen(next) != null && (!watcher.adaptations().isEmpty()
                        || Duration.between(app.firstSeen(next), Instant.now()).compareTo(ADAPTATION_WAIT) > 0)) {
                    break;
                }
                for (int i = 0; i < batch; i++) {
                    CreditRiskTraffic.Request r = traffic.next(shiftAt != null, Instant.now());
                    if (v1At == null) {
                        app.writeUnscored(r.inference());
                    } else {
                        app.predict(r.inference());
                    }
                    feedback.addLast(r.feedback());
                    while (feedback.size() > settings.feedbackDelay()) {
                        FeedbackEvent f = feedback.removeFirst();
                        producer.send(new ProducerRecord<>(Topics.FEEDBACK, f.model(),
                                Json.encode(new FeedbackEvent(f.model(), f.requestId(), f.label(), Instant.now()))));
                    }
                    sent++;
                    if (sent % 5000 == 0) {
                        out.accept(sent + " requests sent");
                    }
                }
                pause(50);
            }
            app.close();
            ModelPromoted v1 = watcher.firstChampion().orElseThrow();
            ModelPromoted v2 = watcher.secondChampion().orElseThrow();
            ModelEvaluated v2Evaluation = awaitEvaluation(watcher, v2.candidateId());
            Instant firstDrift = watcher.requests().stream().filter(r -> r.trigger() == RetrainTrigger.DRIFT)
                    .map(r -> r.requestedAt()).min(Instant::compareTo).orElse(v2At);
            long driftRequests = watcher.requests().stream().filter(r -> r.trigger() == RetrainTrigger.DRIFT).count();
            int attempts = watcher.driftAttempts();
            Instant servedV2 = app.firstSeen(v2.version());
            Instant drifted = watcher.firstDriftedAt();
            return new Result(v1, v2, v2Evaluation, Duration.between(start, v1At == null ? v2At : v1At),
                    Duration.between(shiftAt, firstDrift), Duration.between(shiftAt, v2At), Duration.between(start, v2At),
                    sent, watcher.driftedWindows(), watcher.windows(), driftRequests, watcher.shiftedLabelWindows(),
                    watcher.labelWindows(), app.predictionsByVersion(), app.unscored(),
                    servedV2 == null ? null : Duration.between(v2At, servedV2),
                    servedV2 == null || drifted == null ? null : Duration.between(drifted, servedV2), attempts,
                    watcher.datasets(), watcher.adaptations());
        }
    }

    /** The summary a user reads at the end. */
    public static String summary(Result r) {
        StringBuilder s = new StringBuilder();
        s.append("\n================ Driftloop demo summary ================\n");
        s.append(String.format("champion versions     : v%d -> v%d%n", r.v1().version(), r.v2().version()));
        s.append(String.format("v1 on pre-drift test  : %s%n", LoopWatcher.format(r.v1().metrics())));
        Map<String, Double> champ = r.v2Evaluation() == null ? null : r.v2Evaluation().championMetrics();
        s.append(String.format("v1 on post-drift test : %s%n", champ == null ? "(not reported)" : LoopWatcher.format(champ)));
        s.append(String.format("v2 on post-drift test : %s%n", LoopWatcher.format(r.v2().metrics())));
        s.append(String.format("drift windows         : %d of %d windows drifted; %d drift retrain request(s)%n",
                r.driftedWindows(), r.windows(), r.driftRequests()));
        s.append(String.format("label windows         : %d of %d showed a prior shift (reported, not a trigger)%n",
                r.shiftedLabelWindows(), r.labelWindows()));
        s.append(String.format("start -> v1 promoted  : %.1f s%n", r.startToV1().toMillis() / 1000.0));
        s.append(String.format("shift -> drift request: %.1f s%n", r.shiftToDriftRequest().toMillis() / 1000.0));
        s.append(String.format("shift -> v2 promoted  : %.1f s (loop time)%n", r.shiftToV2().toMillis() / 1000.0));
        s.append(String.format("time to adapt         : %s%n", r.timeToAdapt() == null ? "(v2 not served)"
                : String.format("%.1f s from the first drifted window to v2 served, %d attempt(s)",
                        r.timeToAdapt().toMillis() / 1000.0, r.attempts())));
        for (Adaptation a : r.adaptations()) {
            s.append(String.format("adapted (drift-detector): v%d -> v%d in %.1f s, first drifted window to first "
                    + "served inference (event time)%n", a.fromVersion(), a.toVersion(), a.seconds()));
        }
        for (DatasetReady d : r.datasets()) {
            s.append(String.format("dataset               : %s%n", LoopWatcher.describe(d)));
        }
        s.append(String.format("v2's gates            : %s%n", r.undecidedGates().isEmpty() ? "every gate decided"
                : r.undecidedGates().size() + " not decidable: " + r.undecidedGates().stream().map(GateResult::gate)
                        .collect(Collectors.joining(", "))));
        s.append(String.format("scorer answers        : %s; %d request(s) written unscored (before v1 or while the scorer had no model)%n",
                r.scorerPredictions().isEmpty() ? "none" : r.scorerPredictions().entrySet().stream()
                        .map(e -> "v" + e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
                r.unscoredRequests()));
        s.append(String.format("v2 promoted -> scorer : %s%n", r.v2PromotedToScorerV2() == null ? "(the scorer did not answer with v2)"
                : String.format("answers with v2 %.1f s later", r.v2PromotedToScorerV2().toMillis() / 1000.0)));
        s.append(String.format("total                 : %.1f s, %d requests sent%n", r.total().toMillis() / 1000.0, r.requestsSent()));
        s.append("=========================================================\n");
        return s.toString();
    }

    private ModelEvaluated awaitEvaluation(LoopWatcher watcher, String candidateId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ModelEvaluated> e = watcher.evaluation(candidateId);
            if (e.isPresent()) {
                return e.get();
            }
            pause(100);
        }
        return null;
    }

    private void registerSpec() {
        registerSpec(registry, CreditRiskTraffic.MODEL, CreditRiskTraffic.SPEC, out);
    }

    /** Registers {@code spec} for {@code model} with the registry ({@code PUT /api/models/{model}}) as the demo user. */
    static void registerSpec(URI registry, String model, String spec, Consumer<String> out) {
        URI uri = registry.resolve("/api/models/" + model);
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/yaml")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((ServiceFleet.REGISTRY_USER
                            + ":" + ServiceFleet.REGISTRY_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .PUT(HttpRequest.BodyPublishers.ofString(spec)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("registering the spec failed: " + response.statusCode() + " " + response.body());
            }
            out.accept("registered spec " + model + " with the registry (PUT " + uri + ")");
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the registry at " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
