package io.driftloop.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.EventHeaders;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.Verdict;
import io.driftloop.infra.kafka.KafkaCluster;
import io.driftloop.infra.kafka.KafkaSettings;
import io.driftloop.infra.kafka.TopicAcls;
import io.driftloop.infra.kafka.TopicProbe;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole loop, as a user runs it: a real broker, secured (SASL/PLAIN, the ACLs of topics.json;
 * each service connects as its own principal), the six services as processes from their build
 * output, real DL4J training. Bootstrap model v1 (trained on unscored requests), requests
 * scored by the scorer with v1, drift, v2 trained on the shifted world on a dataset sized so every
 * gate can decide (a small sensitive group of about 8 %), gated against v1 on the same post-drift
 * test rows, promoted, and hot-swapped into the scorer.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class LoopEndToEndIT {

    static KafkaCluster kafka;
    static ServiceFleet fleet;
    static Path runDir;

    @BeforeAll
    static void startTheSystem() throws IOException {
        Path repo = Path.of(System.getProperty("driftloop.repo", "../..")).toAbsolutePath().normalize();
        runDir = Files.createTempDirectory("driftloop-e2e-");
        kafka = KafkaCluster.startSecured();
        fleet = ServiceFleet.start(repo, ServiceFleet.withPorts(freePorts(ServiceFleet.defaults().size())), kafka::client,
                runDir.resolve("artifacts"), repo.resolve("scripts/local-loop/target/e2e-logs"), Duration.ofMinutes(3),
                line -> System.out.println("[e2e] " + line));
    }

    @AfterAll
    static void stopTheSystem() {
        if (fleet != null) {
            fleet.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void driftTriggersARetrainedModelWhoseEveryGateDecidedAndTheScorerServesIt() {
        int registryPort = fleet.ports().get("registry");
        int scorerPort = fleet.ports().get("scorer");
        Demo.Result result = new Demo(kafka.admin(), URI.create("http://localhost:" + registryPort),
                URI.create("http://localhost:" + scorerPort), new Demo.Settings(600, 150, 1000, Duration.ofMinutes(12), 11), line -> System.out.println("[e2e] " + line))
                .run();
        System.out.print(Demo.summary(result));
        System.out.println("[e2e] resident memory (MiB): " + fleet.residentMemoryMiB());

        // a candidate that fails its gates takes a version too (a fairness gate on ~25 rows of the small
        // group can fail by sampling noise and be retried): the versions are read, not assumed
        int v1 = result.v1().version();
        int v2 = result.v2().version();
        assertThat(result.v1().previousVersion()).isNull();
        assertThat(v2).isGreaterThan(v1);
        assertThat(result.v2().previousVersion()).isEqualTo(v1);
        assertThat(result.v2().reason()).contains("drift");
        // v2 was gated against v1 on the same post-drift test rows, and every gate could decide
        assertThat(result.v2Evaluation()).isNotNull();
        assertThat(result.v2Evaluation().championVersion()).isEqualTo(v1);
        assertThat(result.v2Evaluation().verdict()).isEqualTo(Verdict.PASSED);
        assertThat(result.undecidedGates()).as("gates of v2 that could not decide").isEmpty();
        assertThat(result.v2Evaluation().gates()).anyMatch(g -> g.gate().equals("fairness.demographic-parity-difference.ethnicity"));
        // every dataset of the drift was sized for its gates; no more attempts than the spec allows
        assertThat(result.attempts()).isBetween(1, 3);
        assertThat(result.datasets()).isNotEmpty().allMatch(d -> d.sizing() != null);
        // the scorer served v1, then swapped to v2 without a restart
        assertThat(result.scorerPredictions()).containsKeys(v1, v2);
        assertThat(result.scorerPredictions().get(v1)).isGreaterThan(500);
        assertThat(result.v2PromotedToScorerV2()).isNotNull().isLessThan(Duration.ofSeconds(30));
        assertThat(result.timeToAdapt()).isNotNull().isPositive();
        // the drift-detector measured it too, from the first drifted window of v1 to the first request v2 served
        assertThat(result.adaptations()).singleElement().satisfies(a -> {
            assertThat(a.fromVersion()).isEqualTo(v1);
            assertThat(a.toVersion()).isEqualTo(v2);
            assertThat(a.seconds()).isPositive();
        });
        // nothing lost, nothing twice: read back from the topics once every group has caught up
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .until(() -> io.driftloop.local.invariants.TopicsReader.groupLag(kafka.admin()).values()
                        .stream().allMatch(lag -> lag == 0));
        io.driftloop.local.invariants.Invariants.Report invariants = io.driftloop.local.invariants.Invariants
                .check(io.driftloop.local.invariants.TopicsReader.read(kafka.admin()));
        System.out.println(invariants.table());
        assertThat(invariants.holds()).as(invariants.table()).isTrue();
        assertThat(invariants.checks().get(0).checked()).as("labelled inferences checked").isGreaterThan(1000);
        assertThat(fleet.allAlive()).isTrue();
    }

    /**
     * The console, in a real browser (headless Chromium), after the loop adapted: every stage's
     * consumer group judged OK once the groups caught up, each service UP, credit-risk's champion
     * v2, the page refreshed by its own polling; the same page read without JavaScript holds the
     * tables. A screenshot is saved under target/console-screenshots/.
     */
    @Test
    @org.junit.jupiter.api.Order(2)
    void theConsoleShowsAnOperatorTheLoopInABrowser() throws Exception {
        String url = "http://localhost:" + fleet.ports().get("console") + "/";
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        // without JavaScript: the server-rendered tables, once the console has read the groups
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> http.send(java.net.http.HttpRequest.newBuilder(URI.create(url)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body().contains("data-group=\"trainer\""));
        long t0 = System.nanoTime();
        String html = http.send(java.net.http.HttpRequest.newBuilder(URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        System.out.printf(java.util.Locale.ROOT, "[e2e] console overview rendered in %.0f ms (%d bytes)%n",
                (System.nanoTime() - t0) / 1e6, html.length());
        assertThat(html).contains("<table id=\"groups\">", "<table id=\"champions\">", "credit-risk");

        try (ConsoleBrowser browser = ConsoleBrowser.open()) {
            browser.get(url);
            for (String group : List.of("drift-detector", "data-prep", "trainer", "trainer-trials", "evaluator", "registry")) {
                assertThat(browser.text("tr[data-group='" + group + "'] .status")).as(group).isEqualTo("OK");
            }
            assertThat(browser.texts("#groups .health")).as("each service's readiness").hasSizeGreaterThanOrEqualTo(6)
                    .containsOnly("UP");
            // group-less followers commit nothing: each service's are shown with their state
            assertThat(browser.texts("tr.followers .follower")).as("the services' group-less followers")
                    .hasSizeGreaterThan(3).allSatisfy(f -> assertThat(f).endsWith("following"));
            // the champion the registry promoted after the drift (v2 unless a candidate failed its gates first)
            com.fasterxml.jackson.databind.JsonNode champion = null;
            for (com.fasterxml.jackson.databind.JsonNode c : io.driftloop.contracts.Json.decode(http.send(
                    java.net.http.HttpRequest.newBuilder(URI.create(url + "api/overview")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body(),
                    com.fasterxml.jackson.databind.JsonNode.class).path("champions")) {
                if (c.path("model").asText().equals("credit-risk")) {
                    champion = c;
                }
            }
            assertThat(champion).isNotNull();
            int version = champion.path("version").asInt();
            assertThat(version).isGreaterThan(1);
            assertThat(browser.text("#champions tbody tr")).contains("credit-risk", "v" + version,
                    "v" + champion.path("previousVersion").asInt(), "drift");
            // the page polls the server and swaps its content in
            browser.awaitAttribute("main", "data-refreshed-at", Duration.ofSeconds(20));
            Path shot = browser.screenshot(Path.of("target/console-screenshots/overview.png"));
            assertThat(Files.size(shot)).isGreaterThan(10_000);

            // the model's page: the adaptation v1 -> v2 step by step, drift windows and training curves drawn
            String modelUrl = url + "models/credit-risk";
            t0 = System.nanoTime();
            String modelHtml = http.send(java.net.http.HttpRequest.newBuilder(URI.create(modelUrl)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            System.out.printf(java.util.Locale.ROOT, "[e2e] console model page rendered in %.0f ms (%d bytes)%n",
                    (System.nanoTime() - t0) / 1e6, modelHtml.length());
            browser.get(modelUrl);
            assertThat(browser.texts("#timeline td.state")).contains("served v" + version);
            assertThat(browser.text("#timeline")).contains("first drifted window", "retrain requested", "dataset",
                    "candidate", "verdict", "promoted", "first served");
            // the registry's versions and champion history: who promoted each champion, and why
            assertThat(browser.texts("#versions tbody tr")).anySatisfy(v -> assertThat(v).startsWith("v" + version)
                    .contains("champion"));
            assertThat(browser.texts("#champion-history tbody tr").get(0)).contains("v" + version, "auto", "registry");
            browser.awaitAttribute("#drift-chart", "data-points", Duration.ofSeconds(10));
            assertThat(Integer.parseInt(browser.attribute("#drift-chart", "data-points"))).isGreaterThan(10);
            assertThat(Integer.parseInt(browser.attribute("#curves-chart", "data-points"))).isGreaterThan(10);
            assertThat(Files.size(browser.screenshot(Path.of("target/console-screenshots/model.png")))).isGreaterThan(10_000);

            // the verdict that passed: its gates with intervals, the curves of both models, the groups' rates
            List<String> verdicts = browser.texts("#verdicts tbody tr");
            int passed = verdicts.indexOf(verdicts.stream().filter(v -> v.contains("passed") && v.contains("v1"))
                    .findFirst().orElseThrow(() -> new AssertionError("no passed verdict against v1 in " + verdicts)));
            browser.get(browser.attribute("#verdicts tbody tr:nth-child(" + (passed + 1) + ") a", "href"));
            assertThat(browser.text("#verdict")).isEqualTo("passed");
            assertThat(browser.texts("#gates tbody tr")).isNotEmpty().allSatisfy(g -> assertThat(g).contains("passed"));
            browser.awaitAttribute("#roc-chart", "data-points", Duration.ofSeconds(10));
            assertThat(Integer.parseInt(browser.attribute("#roc-chart", "data-points"))).as("ROC points of both models")
                    .isGreaterThan(10);
            assertThat(Integer.parseInt(browser.attribute("#pr-chart", "data-points"))).isGreaterThan(10);
            assertThat(Integer.parseInt(browser.attribute("#calibration-chart", "data-points"))).isGreaterThan(2);
            assertThat(browser.count(".rates-chart[data-points]")).as("a rates chart per sensitive attribute").isPositive();
            assertThat(browser.count("#report-problem")).isZero();
            assertThat(Files.size(browser.screenshot(Path.of("target/console-screenshots/evaluation.png"))))
                    .isGreaterThan(10_000);

            // the drift page: each feature over time, the latest window against the reference, the concept signal
            browser.get(modelUrl + "/drift");
            browser.awaitAttribute("#share-chart", "data-points", Duration.ofSeconds(10));
            int features = browser.count("#features tbody tr");
            assertThat(features).isGreaterThan(3);
            assertThat(browser.count(".feature-chart[data-points]")).isEqualTo(features);
            assertThat(browser.count(".histogram-chart[data-points]")).as("a histogram per feature").isEqualTo(features);
            assertThat(Integer.parseInt(browser.attribute("#concept-chart", "data-points"))).isPositive();
            assertThat(Files.size(browser.screenshot(Path.of("target/console-screenshots/drift.png")))).isGreaterThan(10_000);
        }
    }

    /**
     * data-prep SIGKILLed while an inference waits for its feedback: the inference was in the join's
     * store (its changelog holds it), the feedback and a second copy of the inference arrive while
     * data-prep is down, and after the restart the pair is exactly one example.
     */
    @Test
    @org.junit.jupiter.api.Order(3)
    void aPairStraddlingASigkillOfDataPrepBecomesExactlyOneExample() {
        CreditRiskTraffic.Request request = new CreditRiskTraffic(99).next(false, java.time.Instant.now());
        String id = request.inference().requestId();
        String inference = io.driftloop.contracts.Json.encode(request.inference());
        String feedback = io.driftloop.contracts.Json.encode(request.feedback());
        try (TopicProbe probe = new TopicProbe(kafka.admin())) {
            probe.send(Topics.INFERENCE, CreditRiskTraffic.MODEL, inference);
            probe.await("data-prep-join-pairs-outer-this-join-store-changelog",
                    r -> r.value() != null && r.value().contains(id), Duration.ofSeconds(60));

            fleet.kill("data-prep");
            probe.send(Topics.FEEDBACK, CreditRiskTraffic.MODEL, feedback);
            probe.send(Topics.INFERENCE, CreditRiskTraffic.MODEL, inference);
            fleet.restart("data-prep", Duration.ofMinutes(3));
            probe.send(Topics.FEEDBACK, CreditRiskTraffic.MODEL, feedback);

            probe.await(Topics.EXAMPLES, r -> r.value().contains(id), Duration.ofSeconds(90));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> io.driftloop.local.invariants.TopicsReader.groupLag(kafka.admin())
                            .getOrDefault("data-prep-join", -1L) == 0);
            assertThat(probe.readAll(Topics.EXAMPLES))
                    .filteredOn(r -> r.value().contains("\"" + id + "\""))
                    .hasSize(1);
        }
        assertThat(fleet.allAlive()).isTrue();
    }

    /**
     * A short chaos run on the shared fleet: labelled traffic straight onto the input topics while
     * five random services are SIGKILLed and restarted and the broker stops for 30 s; then every
     * service is ready again, each said DOWN while the broker was away, and the invariants hold.
     */
    @Test
    @org.junit.jupiter.api.Order(4)
    void underKillsAndABrokerOutageNothingIsLostNothingRepeatsAndHealthTellsTheTruth() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean flowing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        Thread traffic = new Thread(() -> {
            CreditRiskTraffic world = new CreditRiskTraffic(2026);
            try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(KafkaSettings.with(
                    kafka.client(TopicAcls.APP), "acks", "all", "enable.idempotence", true,
                    "delivery.timeout.ms", 600_000, "max.block.ms", 600_000, "linger.ms", 5),
                    new org.apache.kafka.common.serialization.StringSerializer(),
                    new org.apache.kafka.common.serialization.StringSerializer())) {
                while (flowing.get()) {
                    for (int i = 0; i < 20; i++) {
                        CreditRiskTraffic.Request r = world.next(true, java.time.Instant.now());
                        producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.INFERENCE,
                                CreditRiskTraffic.MODEL, io.driftloop.contracts.Json.encode(r.inference())));
                        producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.FEEDBACK,
                                CreditRiskTraffic.MODEL, io.driftloop.contracts.Json.encode(r.feedback())));
                        sent.incrementAndGet();
                    }
                    Thread.sleep(100); // pacing: about 200 labelled requests a second
                }
                producer.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "e2e-traffic");
        traffic.start();
        boolean embedded = kafka.kind().equals("embedded");
        Chaos.Faults faults = Chaos.inject(kafka, fleet, new Chaos.Options(5, 3, Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ZERO, embedded ? List.of(Duration.ofSeconds(30)) : List.of()),
                line -> System.out.println("[e2e] " + line));
        flowing.set(false);
        traffic.join(Duration.ofMinutes(5).toMillis());
        System.out.print(faults.table());
        System.out.println("[e2e] labelled requests sent during the faults: " + sent.get());

        assertThat(faults.allBack()).as(faults.table()).isTrue();
        assertThat(faults.kills()).hasSize(5);
        assertThat(faults.outages()).as("broker outages injected").hasSize(embedded ? 1 : 0);
        faults.outages().forEach(o -> assertThat(o.truthful()).as(faults.table()).isTrue());
        assertThat(traffic.isAlive()).isFalse();
        // once every group has caught up (data-prep may hold a retrain request waiting for examples)
        java.util.concurrent.atomic.AtomicReference<io.driftloop.local.invariants.Invariants.Report> last =
                new java.util.concurrent.atomic.AtomicReference<>();
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(3))
                .ignoreExceptions().until(() -> {
                    last.set(io.driftloop.local.invariants.Invariants.check(
                            io.driftloop.local.invariants.TopicsReader.read(kafka.admin())));
                    return last.get().holds();
                });
        io.driftloop.local.invariants.Invariants.Report invariants = last.get();
        System.out.println(invariants.table());
        assertThat(invariants.holds()).as(invariants.table()).isTrue();
        assertThat(fleet.allAlive()).isTrue();
    }

    /**
     * 3,000 generated bad records of 30 kinds (BadRecords, each kind about a hundred times) onto both
     * input topics for a model with a spec and no champion, with valid ones among them: every consuming service dead-letters every
     * bad record with a reason (data-prep both topics, the drift-detector inferences), no valid record
     * is dead-lettered, and every service stays alive.
     */
    @Test
    @org.junit.jupiter.api.Order(5)
    void everyBadRecordIsDeadLetteredWithAReasonByEveryServiceThatReadsItAndNoValidOneIs() throws Exception {
        String model = "fuzz-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        try (TopicProbe probe = new TopicProbe(kafka.admin())) {
            probe.send(Topics.MODEL_SPECS, model, io.driftloop.contracts.Json.encode(
                    io.driftloop.contracts.spec.ModelSpecs.parse(io.driftloop.local.fuzz.BadRecords.spec(model))));
        }
        Map<String, List<String>> readers = Map.of(Topics.INFERENCE, List.of("data-prep", "drift-detector"),
                Topics.FEEDBACK, List.of("data-prep"));
        Map<String, String> kindAt = new java.util.HashMap<>();
        java.util.Set<String> validAt = new java.util.HashSet<>();
        List<io.driftloop.local.fuzz.BadRecords.Bad> bad = io.driftloop.local.fuzz.BadRecords.generate(model, 3_000);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(KafkaSettings.with(
                kafka.client(TopicAcls.APP), "acks", "all", "enable.idempotence", true,
                "linger.ms", 5), new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < bad.size(); i++) {
                var b = bad.get(i);
                sent.add(producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(b.kind().topic(), b.key(), b.value())));
                if (i % 100 == 0) {
                    String id = "fz-valid-" + i;
                    validAt.add(at(producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.INFERENCE, model,
                            io.driftloop.local.fuzz.BadRecords.inference(model, id, "\"age\":41,\"region\":\"north\"",
                                    "\"gender\":\"f\"", "").getBytes(java.nio.charset.StandardCharsets.UTF_8))).get()));
                    validAt.add(at(producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.FEEDBACK, model,
                            io.driftloop.local.fuzz.BadRecords.feedback(model, id, "1")
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))).get()));
                }
            }
            for (int i = 0; i < bad.size(); i++) {
                kindAt.put(at(sent.get(i).get()), bad.get(i).kind().name());
            }
        }
        Map<String, java.util.Set<String>> deadLettered = new java.util.HashMap<>(); // source position -> services
        List<String> validDeadLettered = new ArrayList<>();
        java.util.function.Function<String, List<String>> readersOf = position ->
                readers.get(position.substring(0, position.indexOf('/')));
        long expected = kindAt.keySet().stream().mapToLong(p -> readersOf.apply(p).size()).sum();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(KafkaSettings.with(
                kafka.admin(), "enable.auto.commit", false,
                "isolation.level", "read_committed"), new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> dlqs = readers.keySet().stream()
                    .flatMap(t -> consumer.partitionsFor(Topics.deadLetter(t), Duration.ofSeconds(30)).stream()
                            .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition()))).toList();
            consumer.assign(dlqs);
            consumer.seekToBeginning(dlqs);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            long seen = 0;
            while (seen < expected && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    String source = header(r, EventHeaders.DL_SOURCE_TOPIC) + "/" + header(r, EventHeaders.DL_SOURCE_PARTITION)
                            + "/" + header(r, EventHeaders.DL_SOURCE_OFFSET);
                    if (validAt.contains(source)) {
                        validDeadLettered.add(source + ": " + header(r, EventHeaders.DL_REASON));
                    }
                    if (kindAt.containsKey(source) && !header(r, EventHeaders.DL_REASON).isBlank()
                            && deadLettered.computeIfAbsent(source, x -> new java.util.TreeSet<>())
                                    .add(header(r, EventHeaders.DL_SERVICE))) {
                        seen++;
                    }
                }
            }
        }
        // per kind: how many were sent and how many each service dead-lettered
        Map<String, Map<String, Integer>> table = new java.util.TreeMap<>();
        kindAt.forEach((position, kind) -> {
            Map<String, Integer> row = table.computeIfAbsent(kind, k -> new java.util.TreeMap<>());
            row.merge("sent", 1, Integer::sum);
            deadLettered.getOrDefault(position, java.util.Set.of()).forEach(service -> row.merge(service, 1, Integer::sum));
        });
        StringBuilder report = new StringBuilder(String.format(java.util.Locale.ROOT, "%-30s %6s %10s %15s%n", "kind", "sent",
                "data-prep", "drift-detector"));
        table.forEach((kind, row) -> report.append(String.format(java.util.Locale.ROOT, "%-30s %6d %10d %15s%n", kind,
                row.get("sent"), row.getOrDefault("data-prep", 0), kindAt.entrySet().stream()
                        .anyMatch(e -> e.getValue().equals(kind) && e.getKey().startsWith(Topics.INFERENCE + "/"))
                        ? Integer.toString(row.getOrDefault("drift-detector", 0)) : "-")));
        System.out.print(report);

        assertThat(kindAt).hasSize(3_000);
        assertThat(validDeadLettered).as("valid records dead-lettered").isEmpty();
        kindAt.forEach((position, kind) -> assertThat(deadLettered.getOrDefault(position, java.util.Set.of()))
                .as("%s (%s) dead-lettered by every reader\n%s", position, kind, report)
                .containsAll(readersOf.apply(position)));
        assertThat(fleet.allAlive()).isTrue();
    }

    private static String at(org.apache.kafka.clients.producer.RecordMetadata m) {
        return m.topic() + "/" + m.partition() + "/" + m.offset();
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    @org.junit.jupiter.api.Order(6)
    void malformedInferenceLandsInTheDeadLetterTopicAndTheLoopGoesOn() {
        try (TopicProbe probe = new TopicProbe(kafka.admin())) {
            probe.send(Topics.INFERENCE, CreditRiskTraffic.MODEL, "{\"model\": \"credit-risk\", \"requestId\": 42,");
            ConsumerRecord<String, String> dead = probe.await(Topics.deadLetter(Topics.INFERENCE),
                    r -> r.value().contains("\"requestId\": 42,"), Duration.ofSeconds(60));
            assertThat(TopicProbe.header(dead, EventHeaders.DL_REASON)).hasValueSatisfying(v -> assertThat(v).isNotBlank());
            assertThat(TopicProbe.header(dead, EventHeaders.DL_SOURCE_TOPIC)).contains(Topics.INFERENCE);
        }
        assertThat(fleet.allAlive()).isTrue();
    }

    /**
     * Everything above ran on a secured broker (SASL, ACLs from topics.json), each service with its
     * own principal: the promotions the loop made were written by the registry's, the one principal
     * that may, while the credentials the scorer runs with cannot forge one and a client without
     * credentials gets nothing.
     */
    @Test
    @org.junit.jupiter.api.Order(7)
    void onTheSecuredClusterOnlyTheRegistryPromotesAndNoOneGetsInWithoutCredentials() {
        assertThat(kafka.secured()).isTrue();
        try (TopicProbe probe = new TopicProbe(kafka.admin())) {
            assertThat(probe.await(Topics.MODEL_PROMOTED, r -> r.value() != null && r.value().contains("\"version\":2"),
                    Duration.ofSeconds(30))).isNotNull();
        }
        try (var scorer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(KafkaSettings.with(
                kafka.client("scorer"), "max.block.ms", 15_000), new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> scorer.send(new org.apache.kafka.clients.producer
                            .ProducerRecord<>(Topics.MODEL_PROMOTED, CreditRiskTraffic.MODEL, "{\"forged\":true}")).get())
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TopicAuthorizationException.class);
        }
        try (var anonymous = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "default.api.timeout.ms", 5000, "request.timeout.ms", 4000))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> anonymous.listTopics().names().get())
                    .isInstanceOf(java.util.concurrent.ExecutionException.class);
        }
        assertThat(fleet.allAlive()).isTrue();
    }

    /**
     * Every metric a Grafana panel (infra/grafana/dashboards) or an alert rule (infra/prometheus/alerts.yml)
     * names is served by a live service's /q/metrics, after the loop ran with its faults and bad records.
     */
    /**
     * The dead letters the fuzz test left, in the browser: listed with their reasons, and nothing of
     * their hostile payloads runs in the page (no dialog opened, no script or image element made).
     */
    @Test
    @org.junit.jupiter.api.Order(8)
    void theConsoleShowsTheDeadLettersEscaped() throws Exception {
        String url = "http://localhost:" + fleet.ports().get("console") + "/dead-letters";
        try (ConsoleBrowser browser = ConsoleBrowser.open()) {
            browser.get(url);
            String fullest = null;
            long most = 0;
            for (String row : browser.texts("#dead-letter-topics tbody tr")) {
                String[] cells = row.split("\\s+");
                long count = Long.parseLong(cells[cells.length - 1]);
                if (count > most) {
                    most = count;
                    fullest = cells[0];
                }
            }
            assertThat(fullest).as("a dead-letter topic with records after the fuzz test").isNotNull();
            browser.get(url + "/" + fullest + "?limit=200");
            List<String> reasons = browser.texts("#letters tr.letter td.rule");
            assertThat(reasons).hasSize((int) Math.min(200, most)).allSatisfy(r -> assertThat(r).isNotBlank());
            assertThat(browser.noDialogOpen()).as("no payload opened a dialog").isTrue();
            assertThat(browser.count("main script, main img, main iframe, main svg")).as("elements made by payloads").isZero();
            assertThat(Files.size(browser.screenshot(Path.of("target/console-screenshots/dead-letters.png"))))
                    .isGreaterThan(10_000);

            // an operator re-drives a dead letter from the page: the console asks the registry with the
            // operator's credentials, and the record is back on its source topic, marked as re-driven
            String topic = Topics.INFERENCE + ".dlq";
            browser.get(url + "/" + topic);
            String position = browser.attribute("#letters input[name=record]", "value");
            String console = "http://localhost:" + fleet.ports().get("console");
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpRequest.Builder redrive = java.net.http.HttpRequest.newBuilder(
                            URI.create(console + "/dead-letters/" + topic + "/redrive"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", console)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("record=" + position.replace(":", "%3A")));
            assertThat(http.send(redrive.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as("without credentials").isEqualTo(401);
            String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((ServiceFleet.REGISTRY_USER + ":"
                    + ServiceFleet.REGISTRY_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            var answer = http.send(redrive.header("Authorization", basic).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("1 of 1 record(s) re-driven to " + Topics.INFERENCE);
            String from = topic + "/" + position.replace(':', '/');
            try (TopicProbe probe = new TopicProbe(kafka.admin())) {
                ConsumerRecord<String, String> back = probe.await(Topics.INFERENCE,
                        r -> TopicProbe.header(r, EventHeaders.DL_REDRIVEN_FROM).filter(from::equals).isPresent(),
                        Duration.ofSeconds(60));
                assertThat(back).isNotNull();
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Order(9)
    void everyMetricADashboardOrAnAlertNamesIsServed() throws Exception {
        Path repo = Path.of(System.getProperty("driftloop.repo", "../..")).toAbsolutePath().normalize();
        StringBuilder named = new StringBuilder();
        try (var files = Files.list(repo.resolve("infra/grafana/dashboards"))) {
            for (Path f : files.toList()) {
                named.append(Files.readString(f));
            }
        }
        named.append(Files.readString(repo.resolve("infra/prometheus/alerts.yml")));
        java.util.Set<String> metrics = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\\b((?:driftloop|kafka|process|jvm)_[a-z0-9_]+)\\b").matcher(named);
        while (m.find()) {
            metrics.add(m.group(1));
        }
        assertThat(metrics).contains("driftloop_registry_promotions_total", "driftloop_console_group_status");

        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.Set<String> served = new java.util.TreeSet<>();
        for (int port : fleet.ports().values()) {
            String body = http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/metrics"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            body.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .forEach(l -> served.add(l.split("[{ ]", 2)[0]));
        }
        assertThat(metrics).as("metrics named by a dashboard panel or an alert rule").allSatisfy(metric ->
                assertThat(served).as(metric).contains(metric));
    }

    static List<Integer> freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
