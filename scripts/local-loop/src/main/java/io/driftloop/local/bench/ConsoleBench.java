package io.driftloop.local.bench;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.artifacts.LocalArtifactStore;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.ConceptSignal;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.FeatureDrift;
import io.driftloop.contracts.events.Histogram;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.events.RetrainTrigger;
import io.driftloop.contracts.events.SplitCounts;
import io.driftloop.contracts.events.TrainingProgress;
import io.driftloop.infra.kafka.KafkaCluster;
import io.driftloop.local.ServiceFleet;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The console's pages under a long history: an embedded broker holding, for each of 10 models,
 * 1,000 drift windows (4 features each, with 20-bin histograms) and 100 label windows with the
 * concept-drift signal, 20 adaptations (request, dataset, candidate with 10 trials, verdict with a
 * stored evaluation report, promotion) and 30 training curves of 30 epochs, plus 200 dead letters; the
 * console started from its build output and given time to read it all. Prints each page's median
 * render time over 15 requests (after 3 to warm up) against the target of 1 s and against the
 * console's bare HTTP round trip (/q/health/live) measured in the same run, and the console's
 * resident memory (target: under 300 MiB).
 */
public final class ConsoleBench {

    static final int MODELS = 10;
    static final int WINDOWS = 1000;
    static final int EPISODES = 20;
    static final int CURVES = 30;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private ConsoleBench() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("driftloop.repo", ".")).toAbsolutePath().normalize();
        Path run = Files.createTempDirectory("driftloop-console-bench-");
        try (KafkaCluster kafka = KafkaCluster.startEmbedded(freePort())) {
            System.out.printf("history: %d models x %d drift windows, %d adaptations and %d training curves each%n",
                    MODELS, WINDOWS, EPISODES, CURVES);
            ArtifactRef report = new LocalArtifactStore(run.resolve("artifacts")).put(report(),
                    "driftloop-evaluation-report+json");
            long records = write(kafka.bootstrapServers(), report);
            System.out.printf("wrote %,d events%n", records);
            int port = freePort();
            ServiceFleet.Service console = ServiceFleet.defaults().stream().filter(s -> s.name().equals("console"))
                    .map(s -> new ServiceFleet.Service("console", port, s.jvmArgs())).findFirst().orElseThrow();
            try (ServiceFleet fleet = ServiceFleet.start(repo, List.of(console), kafka::client, run.resolve("artifacts"),
                    run.resolve("logs"), Duration.ofMinutes(3), line -> { })) {
                String base = "http://localhost:" + console.port();
                HttpClient http = HttpClient.newHttpClient();
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (!get(http, base + "/models/model-9").contains(WINDOWS + " windows drifted")
                        || !get(http, base + "/").contains("model-9")) {
                    if (System.nanoTime() > deadline) {
                        String page = get(http, base + "/models/model-9");
                        throw new IllegalStateException("the console had not read the history within 3 minutes; "
                                + "/models/model-9 shows: " + page.substring(0, Math.min(600, page.length())));
                    }
                    Thread.sleep(500);
                }
                double bare = median(http, base + "/q/health/live");
                System.out.printf(Locale.ROOT, "%-40s %10s %12s %14s%n", "page", "median ms", "vs 1 s", "vs round trip");
                System.out.printf(Locale.ROOT, "%-40s %10.1f%n", "/q/health/live (bare round trip)", bare);
                for (String page : List.of("/", "/models", "/models/model-0", "/models/model-9", "/models/model-9/drift",
                        "/models/model-9/evaluations/v-model-9-e19", "/dead-letters", "/dead-letters/ct.inference.v1.dlq",
                        "/api/overview")) {
                    double ms = median(http, base + page);
                    System.out.printf(Locale.ROOT, "%-40s %10.1f %12.3f %14.1f%n", page, ms, ms / 1000, ms / bare);
                }
                System.out.println("console resident memory: " + fleet.residentMemoryMiB().get("console")
                        + " MiB (target: under 300)");
            }
        }
    }

    /** A 20-bin histogram of a feature, the window's mass shifted up against the reference's. */
    static final Histogram HISTOGRAM;

    static {
        double[] edges = new double[21];
        double[] reference = new double[20];
        double[] current = new double[20];
        for (int i = 0; i <= 20; i++) {
            edges[i] = 18 + i * 3.5;
        }
        for (int i = 0; i < 20; i++) {
            reference[i] = 0.05;
            current[i] = (i + 0.5) / 200;
        }
        HISTOGRAM = Histogram.numeric(edges, reference, current);
    }

    /**
     * An evaluation report as the evaluator stores it: every metric with its interval, two sensitive
     * groups, and the ROC, precision-recall and calibration curves (201, 201 and 10 points) of both models.
     */
    static byte[] report() {
        StringBuilder roc = new StringBuilder();
        StringBuilder pr = new StringBuilder();
        for (int i = 0; i <= 200; i++) {
            double x = i / 200.0;
            roc.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"fpr\":%.4f,\"tpr\":%.4f,\"threshold\":%.4f}", x, Math.sqrt(x), 1 - x));
            pr.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"recall\":%.4f,\"precision\":%.4f,\"threshold\":%.4f}", x, 1 - 0.5 * x * x, 1 - x));
        }
        StringBuilder calibration = new StringBuilder();
        for (int b = 0; b < 10; b++) {
            calibration.append(b == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"lower\":%.1f,\"upper\":%.1f,\"rows\":30,\"meanScore\":%.2f,\"observedRate\":%.2f}",
                    b / 10.0, (b + 1) / 10.0, b / 10.0 + 0.05, b / 10.0 + 0.04));
        }
        String curves = "{\"roc\":[" + roc + "],\"precisionRecall\":[" + pr + "],\"calibration\":[" + calibration + "]}";
        String metric = "{\"value\":0.9,\"lower\":0.87,\"upper\":0.93}";
        String metrics = "{\"accuracy\":" + metric + ",\"rocAuc\":" + metric + ",\"brier\":" + metric + "}";
        String group = "{\"group\":\"%s\",\"rows\":%d,\"gated\":true,\"positives\":40,\"predictedPositive\":50,"
                + "\"selectionRate\":0.4,\"truePositiveRate\":0.8,\"falsePositiveRate\":0.1}";
        return ("{\"reportVersion\":4,\"notes\":[],\"statistics\":{\"rows\":300,\"seed\":1,\"resamples\":1000,"
                + "\"confidence\":0.95,\"candidate\":{\"metrics\":" + metrics + "},\"champion\":{\"metrics\":" + metrics
                + "},\"versusChampion\":" + metrics + ",\"fairness\":[{\"attribute\":\"gender\",\"minGroupSize\":20,"
                + "\"measures\":{\"demographic-parity-difference\":" + metric + "},\"groups\":["
                + String.format(Locale.ROOT, group, "f", 140) + "," + String.format(Locale.ROOT, group, "m", 160) + "]}],"
                + "\"curves\":{\"candidate\":" + curves + ",\"champion\":" + curves + "}}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static long write(String bootstrap, ArtifactRef report) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        long n = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int m = 0; m < MODELS; m++) {
                String model = "model-" + m;
                for (int w = 0; w < WINDOWS; w++) {
                    List<FeatureDrift> features = new ArrayList<>();
                    for (String f : List.of("age", "income", "debt_ratio", "region")) {
                        double stat = (w % 50 < 5 ? 0.3 : 0.02) + (f.length() % 3) * 0.01;
                        features.add(new FeatureDrift(f, "ks", stat, stat > 0.1 ? 0.001 : 0.5, 0.1, stat > 0.1, 2000, 500,
                                stat > 0.1 ? 0.004 : 0.6, "numeric", null, HISTOGRAM));
                    }
                    double share = features.stream().filter(FeatureDrift::drifted).count() / 4.0;
                    Instant end = T0.plusSeconds(5L * (w + 1));
                    send(producer, Topics.DRIFT_STATS, model, new DriftStats(model + "-w" + w, model, 1 + w / 100,
                            end.minusSeconds(5), end, 500, features, share, 0.5, share >= 0.5, end, "benjamini-hochberg",
                            null, "inference", null));
                    n++;
                    if (w % 10 == 9) {
                        send(producer, Topics.DRIFT_STATS, model, new DriftStats(model + "-l" + w, model, 1 + w / 100,
                                end.minusSeconds(50), end, 300, List.of(), 0, 1, false, end, null, null, DriftStats.LABELS,
                                null, null, null, new ConceptSignal("adwin", 1 + w / 100, 30L * w, 0.2 + (w % 100) / 1000.0,
                                0.01, 0.05, w % 100 == 99 ? ConceptSignal.DRIFT : ConceptSignal.NONE, w / 100)));
                        n++;
                    }
                }
                for (int e = 0; e < EPISODES; e++) {
                    String id = model + "-e" + e;
                    Instant at = T0.plusSeconds(250L * e);
                    String candidate = "sha256:" + String.format("%064x", (long) m * 1000 + e);
                    send(producer, Topics.RETRAIN_REQUESTED, model, new RetrainRequested("r-" + id, "w-" + id, model,
                            RetrainTrigger.DRIFT, "3 of 4 features drifted", at, 2000, at, 1, null));
                    send(producer, Topics.DATASET_READY, model, new DatasetReady("d-" + id, "r-" + id, model,
                            "sha256:" + String.format("%064x", (long) m * 1000 + e + 500),
                            new ArtifactRef("file:///x", "0".repeat(64), "dataset"), null, "sha256:s", List.of(),
                            new SplitCounts(1400, 300, 300), RetrainTrigger.DRIFT, "r", at.plusSeconds(20)));
                    send(producer, Topics.MODEL_TRAINED, model, new ModelTrained("t-" + id, "d-" + id, model, candidate,
                            "sha256:d", null, null, List.of(), "sha256:s", new ArtifactRef("file:///y", "1".repeat(64), "m"),
                            Map.of(), 42L, "0.1.0", Map.of(), RetrainTrigger.DRIFT, "r", at.plusSeconds(80)));
                    send(producer, Topics.MODEL_EVALUATED, model, new ModelEvaluated("v-" + id, "t-" + id, model, candidate,
                            "sha256:d", e + 1, Map.of("accuracy", 0.9), Map.of(), List.of(), true, "passed 7 of 7 gates",
                            300, at.plusSeconds(82), report, null));
                    send(producer, Topics.MODEL_PROMOTED, model, new ModelPromoted(model, e + 2, e + 1,
                            new ArtifactRef("file:///y", "1".repeat(64), "m"), "sha256:d", "sha256:s",
                            Map.of("accuracy", 0.9, "rocAuc", 0.95, "brier", 0.07), "drift", at.plusSeconds(83), candidate,
                            null));
                    n += 5;
                }
                for (int c = 0; c < CURVES; c++) {
                    String candidate = "sha256:" + String.format("%064x", (long) m * 100_000 + c);
                    for (int epoch = 1; epoch <= 30; epoch++) {
                        send(producer, Topics.TRAINING_PROGRESS, model, new TrainingProgress(candidate + "/" + epoch,
                                "d", model, candidate, epoch, 30, 0.7 / epoch + 0.1, 0.8 / epoch + 0.15,
                                T0.plusSeconds(epoch), 0.9, List.of()));
                        n++;
                    }
                }
            }
            for (int d = 0; d < 200; d++) {
                ProducerRecord<String, String> r = new ProducerRecord<>(Topics.INFERENCE + ".dlq", 0, "k" + d,
                        "{\"not\": \"an inference\", \"n\": " + d + "}");
                r.headers().add("dl_reason", "missing required field 'model'".getBytes());
                r.headers().add("dl_service", "drift-detector".getBytes());
                producer.send(r);
                n++;
            }
            producer.flush();
        }
        return n;
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String key, Object event) {
        producer.send(new ProducerRecord<>(topic, key, Json.encode(event)));
    }

    static String get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Median of 15 timed requests after 3 untimed ones, in milliseconds. */
    static double median(HttpClient http, String url) throws IOException, InterruptedException {
        for (int i = 0; i < 3; i++) {
            get(http, url);
        }
        double[] ms = new double[15];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + r.statusCode());
            }
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
