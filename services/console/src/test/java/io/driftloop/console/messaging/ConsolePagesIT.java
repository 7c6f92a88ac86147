package io.driftloop.console.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.FeatureDrift;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.events.RetrainTrigger;
import io.driftloop.contracts.events.SplitCounts;
import io.driftloop.contracts.events.TrainingProgress;
import io.driftloop.infra.kafka.KafkaTestResource;
import io.driftloop.infra.kafka.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The model page and the dead-letter pages against a real broker: a model's adaptation read back
 * from its events as a timeline, its drift windows and training curves; a retrain in flight on the
 * overview; a hostile dead letter shown escaped.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ConsolePagesIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String M = "pages-it-model";
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aModelsAdaptationDriftAndTrainingAreReadBackFromItsEvents() {
        try (TopicProbe probe = new TopicProbe(KafkaTestResource.bootstrapServers())) {
            probe.send(Topics.RETRAIN_REQUESTED, M, Json.encode(new RetrainRequested("r1", "w1", M, RetrainTrigger.DRIFT,
                    "3 of 4 features drifted", T, 2000, T.plusSeconds(10), 1, null)));
            probe.send(Topics.DATASET_READY, M, Json.encode(new DatasetReady("d1", "r1", M, "sha256:" + "d".repeat(64),
                    new ArtifactRef("file:///x", "0".repeat(64), "dataset"), null, "sha256:s", List.of(),
                    new SplitCounts(1400, 300, 300), RetrainTrigger.DRIFT, "r", T.plusSeconds(25))));
            probe.send(Topics.MODEL_TRAINED, M, Json.encode(new ModelTrained("t1", "d1", M, "sha256:" + "c".repeat(64),
                    "sha256:d", null, null, List.of(), "sha256:s", new ArtifactRef("file:///y", "1".repeat(64), "m"),
                    Map.of(), 42L, "0.1.0", Map.of(), RetrainTrigger.DRIFT, "r", T.plusSeconds(80))));
            probe.send(Topics.MODEL_EVALUATED, M, Json.encode(new ModelEvaluated("e1", "t1", M, "sha256:" + "c".repeat(64),
                    "sha256:d", 1, Map.of(), Map.of(), List.of(), true, "passed 7 of 7 gates", 300, T.plusSeconds(82))));
            probe.send(Topics.MODEL_PROMOTED, M, Json.encode(new ModelPromoted(M, 2, 1,
                    new ArtifactRef("file:///y", "1".repeat(64), "m"), "sha256:d", "sha256:s", Map.of("accuracy", 0.93),
                    "drift: 3 of 4 features drifted", T.plusSeconds(83), "sha256:" + "c".repeat(64), null)));
            // a second request still waiting for its dataset: in flight
            probe.send(Topics.RETRAIN_REQUESTED, M, Json.encode(new RetrainRequested("r2", "w2", M, RetrainTrigger.DRIFT,
                    "again", T, 2000, Instant.now(), 1, null)));
            for (int i = 0; i < 3; i++) {
                probe.send(Topics.DRIFT_STATS, M, Json.encode(new DriftStats("w" + i, M, 1, T.plusSeconds(i * 5L),
                        T.plusSeconds(i * 5L + 5), 500, List.of(new FeatureDrift("age", "ks", 0.3 * i, 0.01, 0.1, i > 0,
                        500, 500, 0.01, "numeric", null)), i / 2.0, 0.5, i > 0, T.plusSeconds(i * 5L + 5), "bh", null,
                        null, null)));
            }
            // a label window (prior shift, reported apart): not one of the drift windows
            probe.send(Topics.DRIFT_STATS, M, Json.encode(new DriftStats("l1", M, 1, T, T.plusSeconds(5), 500,
                    List.of(new FeatureDrift("label", "jensenshannon", 0.01, null, 0.1, false, 500, 500, null, "label",
                            null)), 0.0, 1.0, false, T.plusSeconds(5), null, null, "labels", null)));
            double[] validation = {0.6, 0.3, 0.25, 0.2};
            for (int e = 1; e <= 4; e++) {
                probe.send(Topics.TRAINING_PROGRESS, M, Json.encode(new TrainingProgress("p" + e, "d1", M,
                        "sha256:" + "c".repeat(64), e, 30, 0.5, validation[e - 1], T.plusSeconds(30 + e), 0.9, List.of())));
            }
            // a dead letter that tries to run script in the page
            ProducerRecord<String, String> hostile = new ProducerRecord<>(Topics.INFERENCE + ".dlq", 0, "<b>key</b>",
                    "<script>alert('value')</script>");
            hostile.headers().add("dl_reason", "<img src=x onerror=alert(1)>".getBytes(StandardCharsets.UTF_8));
            hostile.headers().add("dl_service", "drift-detector".getBytes(StandardCharsets.UTF_8));
            hostile.headers().add("dl_source_topic", Topics.INFERENCE.getBytes(StandardCharsets.UTF_8));
            hostile.headers().add("dl_source_partition", "3".getBytes(StandardCharsets.UTF_8));
            hostile.headers().add("dl_source_offset", "1234".getBytes(StandardCharsets.UTF_8));
            probe.send(hostile);
        }

        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/models/" + M).then().statusCode(200)
                .body(containsString("promoted v2"))
                .body(containsString("in flight: waiting for a dataset")));
        given().get("/models/" + M).then().statusCode(200)
                .body(containsString("<td class=\"state\">promoted v2</td>"))
                .body(containsString("retrain requested"), containsString("dataset"), containsString("candidate"),
                        containsString("verdict"))
                .body(containsString("2 of 3 windows drifted"))
                .body(containsString("0 of 1 shifted"))
                .body(containsString("<td>age</td>"))
                .body(containsString("id=\"registry-problem\""), containsString("could not be asked"))
                .body(containsString("href=\"/models/" + M + "/evaluations/e1\""))
                .body(containsString("id=\"drift-data\""), containsString("\"values\":[0.0,0.5,1.0]"))
                .body(containsString("\"values\":[0.6,0.3,0.25,0.2]"))
                .body(containsString("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js"))
                .body(containsString("<title>Driftloop console — " + M + "</title>"), containsString("<nav>"));
        given().get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").then().statusCode(200);
        given().get("/models/no-such-model").then().statusCode(404);
        given().get("/models").then().statusCode(200).body(containsString("href=\"/models/" + M + "\""));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/").then().statusCode(200)
                .body(containsString("waiting for a dataset</span> for")));

        // the retrain in flight as a metric, for the alert on its spec's drift.inFlightTimeout
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String inFlight = metrics.lines().filter(l -> l.startsWith("driftloop_console_retrain_in_flight_seconds{model=\"" + M))
                .findFirst().orElseThrow();
        org.assertj.core.api.Assertions.assertThat(Double.parseDouble(inFlight.substring(inFlight.lastIndexOf(' ') + 1)))
                .isGreaterThan(0);
        org.assertj.core.api.Assertions.assertThat(metrics)
                .contains("driftloop_console_retrain_in_flight_timeout_seconds{model=\"" + M + "\"}");

        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/dead-letters").then().statusCode(200)
                .body(containsString("href=\"/dead-letters/ct.inference.v1.dlq\"")));
        given().get("/dead-letters/ct.inference.v1.dlq").then().statusCode(200)
                .body(containsString("&lt;script&gt;alert(&#39;value&#39;)&lt;/script&gt;"))
                .body(containsString("&lt;img src=x onerror=alert(1)&gt;"))
                .body(containsString("&lt;b&gt;key&lt;/b&gt;"))
                .body(containsString("ct.inference.v1-3@1234"))
                .body(not(containsString("<script>alert")))
                .body(not(containsString("<img src=x")));
        given().get("/dead-letters/ct.nothing.dlq").then().statusCode(404);
    }

    static final String E = "evaluation-it-model";

    @Test
    void anEvaluationsReportTheDriftPageAndARedriveThatNeedsAnOperator() throws Exception {
        // a report as the evaluator stores it, in the artifact store the console reads
        String report = """
                {"reportVersion": 4, "model": "evaluation-it-model", "candidateId": "sha256:e","notes": ["the champion was trained on older data"],
                 "statistics": {"rows": 300, "seed": 7, "resamples": 1000, "confidence": 0.95,
                  "candidate": {"metrics": {"rocAuc": {"value": 0.91, "lower": 0.88, "upper": 0.94}}},
                  "champion": {"metrics": {"rocAuc": {"value": 0.80, "lower": 0.76, "upper": 0.84}}},
                  "versusChampion": {"rocAuc": {"value": 0.11, "lower": 0.07, "upper": 0.15}},
                  "fairness": [{"attribute": "gender", "minGroupSize": 20, "measures": {"demographic-parity-difference":
                     {"value": 0.04, "lower": 0.01, "upper": 0.09}},
                   "groups": [{"group": "f", "rows": 140, "gated": true, "selectionRate": 0.41, "truePositiveRate": 0.8,
                               "falsePositiveRate": 0.1},
                              {"group": "x", "rows": 6, "gated": false, "selectionRate": 0.5, "truePositiveRate": null,
                               "falsePositiveRate": 0.2}]}],
                  "curves": {"candidate": {"roc": [{"fpr": 0.0, "tpr": 0.0, "threshold": 1.0}, {"fpr": 0.1, "tpr": 0.7,
                      "threshold": 0.6}, {"fpr": 1.0, "tpr": 1.0, "threshold": 0.0}],
                    "precisionRecall": [{"recall": 0.5, "precision": 0.9, "threshold": 0.7}, {"recall": 1.0, "precision": 0.5,
                      "threshold": 0.1}],
                    "calibration": [{"lower": 0.0, "upper": 0.1, "rows": 100, "meanScore": 0.05, "observedRate": 0.04}]},
                   "champion": {"roc": [{"fpr": 0.0, "tpr": 0.0, "threshold": 1.0}, {"fpr": 0.3, "tpr": 0.6,
                      "threshold": 0.5}, {"fpr": 1.0, "tpr": 1.0, "threshold": 0.0}], "precisionRecall": [], "calibration": []}}}}
                """;
        // the report written here meets the schema the evaluator's reports are tested against
        assertThat(com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
                .getSchema(Json.class.getResourceAsStream("/schemas/evaluation-report.v4.schema.json"))
                .validate(Json.decode(report, com.fasterxml.jackson.databind.JsonNode.class))).isEmpty();
        var store = new io.driftloop.contracts.artifacts.LocalArtifactStore(java.nio.file.Path.of(
                org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("driftloop.artifacts.dir", String.class)));
        ArtifactRef json = store.put(report.getBytes(StandardCharsets.UTF_8), "driftloop-evaluation-report+json");
        ArtifactRef html = store.put("<html><body><h1>report</h1><script>alert(1)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8), "driftloop-evaluation-report+html");
        var gate = new io.driftloop.contracts.events.GateResult("non-inferiority.rocAuc", "rocAuc", 0.11, -0.02, true,
                "candidate − champion 0.110 ≥ −0.020", "non-inferiority", 0.07, 0.15, 0.95, null);
        var histogram = io.driftloop.contracts.events.Histogram.numeric(new double[] {18, 30, 45, 90},
                new double[] {0.34, 0.33, 0.33}, new double[] {0.1, 0.2, 0.7});
        try (TopicProbe probe = new TopicProbe(KafkaTestResource.bootstrapServers())) {
            probe.send(Topics.MODEL_EVALUATED, E, Json.encode(new ModelEvaluated("ev1", "t1", E, "sha256:" + "e".repeat(64),
                    "sha256:d", 1, Map.of("rocAuc", 0.91), Map.of("rocAuc", 0.8), List.of(gate), true, "passed 1 of 1 gates",
                    300, T, json, html)));
            probe.send(Topics.MODEL_EVALUATED, E, Json.encode(new ModelEvaluated("ev2", "t2", E, "sha256:" + "f".repeat(64),
                    null, 1, Map.of(), Map.of(), List.of(gate), true, "passed", 300, T,
                    new ArtifactRef("file:///nowhere/report.json", "9".repeat(64), "driftloop-evaluation-report+json"), null)));
            for (int i = 0; i < 2; i++) {
                probe.send(Topics.DRIFT_STATS, E, Json.encode(new DriftStats("x" + i, E, 1, T.plusSeconds(i * 5L),
                        T.plusSeconds(i * 5L + 5), 500, List.of(new FeatureDrift("age", "ks", 0.1 + i * 0.3, 0.5 - i * 0.5, 0.05,
                                i > 0, 500, 500, 0.5 - i * 0.5, FeatureDrift.P_VALUE, 1.0, histogram)), i, 0.5, i > 0,
                        T.plusSeconds(i * 5L + 5), "benjamini-hochberg", null, null, null)));
            }
            probe.send(Topics.DRIFT_STATS, E, Json.encode(new DriftStats("y1", E, 1, T, T.plusSeconds(10), 400, List.of(),
                    0.0, 1.0, false, T.plusSeconds(10), null, null, DriftStats.LABELS, null, null, null,
                    new io.driftloop.contracts.events.ConceptSignal("page-hinkley", 1, 400, 0.31, 62.0, 50.0,
                            io.driftloop.contracts.events.ConceptSignal.DRIFT, 1))));
        }

        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/models/" + E).then().statusCode(200)
                .body(containsString("href=\"/models/" + E + "/evaluations/ev1\"")));
        given().get("/models/" + E + "/evaluations/ev1").then().statusCode(200)
                .body(containsString("non-inferiority.rocAuc"), containsString("[0.070, 0.150] at 95.0 %"))
                .body(containsString("the champion was trained on older data"))
                .body(containsString("<td>rocAuc</td>"), containsString("0.910 <span class=\"muted\">[0.880, 0.940]</span>"))
                .body(containsString("id=\"roc-data\""), containsString("\"values\":[0.0,null,null,0.7,null,1.0,null,null]"))
                .body(containsString("<td>x</td><td class=\"num\">6</td><td><span class=\"muted\">too small</span>"))
                .body(containsString("demographic-parity-difference"))
                .body(containsString("href=\"/models/" + E + "/evaluations/ev1/report.html\""));
        given().get("/models/" + E + "/evaluations/ev1/report.html").then().statusCode(200)
                .header("Content-Security-Policy", containsString("sandbox"))
                .body(containsString("<h1>report</h1>"));
        given().get("/models/" + E + "/evaluations/ev2").then().statusCode(200)
                .body(containsString("id=\"report-problem\""), containsString("non-inferiority.rocAuc"));
        given().get("/models/" + E + "/evaluations/nope").then().statusCode(404);

        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/models/" + E + "/drift").then().statusCode(200)
                .body(containsString("1 of 2 windows drifted"), containsString("id=\"concept-signal\">drift</span>")));
        given().get("/models/" + E + "/drift").then().statusCode(200)
                .body(containsString("id=\"feature-0-time-data\""), containsString("\"logY\":true"))
                .body(containsString("<td class=\"num\">0.000 (0.000)</td>"))
                .body(containsString("id=\"feature-0-hist-data\""), containsString("\"categories\":[\"18.00\",\"30.00\",\"45.00\"]"), containsString("<td>45.00–90.00</td>"))
                .body(containsString("\"values\":[0.1,0.2,0.7]"), containsString("<td class=\"num\">70.0 %</td>"))
                .body(containsString("\"values\":[0.31]"), containsString("page-hinkley"));
        given().get("/models/nope/drift").then().statusCode(404);

        // re-driving asks for the operator's credentials, refuses a form posted from elsewhere, and
        // says so when the registry cannot be reached (none runs here; the end-to-end test re-drives)
        String own = "http://localhost:" + io.restassured.RestAssured.port;
        String redrive = "/dead-letters/ct.inference.v1.dlq/redrive";
        given().header("Origin", own).formParam("record", "0:0").post(redrive).then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic realm="));
        for (String elsewhere : List.of("http://evil.example", "null")) {
            given().header("Origin", elsewhere).auth().preemptive().basic("olivia", "secret")
                    .formParam("record", "0:0").post(redrive).then().statusCode(403);
        }
        given().auth().preemptive().basic("olivia", "secret").formParam("record", "0:0").post(redrive).then()
                .statusCode(403).body(containsString("names no Origin"));
        given().header("Origin", own).auth().preemptive().basic("olivia", "secret").formParam("record", "zero")
                .post(redrive).then().statusCode(400).body(containsString("not a record"));
        given().header("Origin", own).auth().preemptive().basic("olivia", "secret").formParam("record", "0:0")
                .post(redrive).then().statusCode(502).body(containsString("could not be reached"));
    }
}
