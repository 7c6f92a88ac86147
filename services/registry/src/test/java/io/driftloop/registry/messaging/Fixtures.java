package io.driftloop.registry.messaging;

import io.driftloop.contracts.Hashing;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.GateResult;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.events.OffsetRange;
import io.driftloop.contracts.events.RetrainTrigger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Events as the trainer and the evaluator publish them; the artifacts they name need not exist here. */
final class Fixtures {

    private Fixtures() {
    }

    static String spec(String model, String promotion) {
        return """
                task: binary-classification
                features:
                  - {name: x, type: numeric}
                  - {name: c, type: categorical, values: [a, b]}
                attributes:
                  - {name: g, sensitive: true}
                promotion: %s
                """.formatted(promotion);
    }

    static String candidateId(String model, String candidate) {
        return Hashing.contentId((model + "/" + candidate).getBytes(StandardCharsets.UTF_8));
    }

    static ModelTrained trained(String model, String candidate) {
        String hex = Hashing.sha256Hex((model + "/" + candidate + "/artifact").getBytes(StandardCharsets.UTF_8));
        return new ModelTrained("trained-" + model + "-" + candidate, "dataset-" + candidate, model,
                candidateId(model, candidate), "sha256:" + "a".repeat(64),
                new ArtifactRef("file:///tmp/driftloop/sha256/aa/" + "a".repeat(64), "a".repeat(64), "driftloop-dataset"),
                new ArtifactRef("file:///tmp/driftloop/sha256/bb/" + "b".repeat(64), "b".repeat(64), "driftloop-profile"),
                List.of(new OffsetRange("ct.examples.v1", 1, 100, 600)), "sha256:" + "c".repeat(64),
                new ArtifactRef("file:///tmp/driftloop/sha256/" + hex.substring(0, 2) + "/" + hex, hex, "dl4j-multilayer"),
                Map.of("hiddenLayers", List.of(32, 16), "learningRate", 0.01), 42L, "0.1.0",
                Map.of("validationLoss", 0.41), RetrainTrigger.BOOTSTRAP, "bootstrap: 500 labelled examples",
                Instant.parse("2026-11-23T12:04:00Z"));
    }

    /** An evaluation of a first model: gated without a champion. */
    static ModelEvaluated evaluated(String model, String candidate, boolean passed) {
        return evaluated(model, candidate, passed, null);
    }

    /** An evaluation gated against {@code championVersion} (null: no champion), as the evaluator sends it. */
    static ModelEvaluated evaluated(String model, String candidate, boolean passed, Integer championVersion) {
        double accuracy = passed ? 0.91 : 0.42;
        return new ModelEvaluated("evaluated-" + model + "-" + candidate, "trained-" + model + "-" + candidate, model,
                candidateId(model, candidate), "sha256:" + "a".repeat(64), championVersion, Map.of("accuracy", accuracy), null,
                List.of(new GateResult("min-accuracy", "accuracy", accuracy, 0.6, passed,
                        "accuracy %.3f vs 0.600".formatted(accuracy))),
                passed, (passed ? "passed" : "failed") + " 1 of 1 gates", 300, Instant.parse("2026-11-23T12:04:10Z"));
    }

    /** An evaluation that stored its report (JSON and HTML) in the artifact store. */
    static ModelEvaluated evaluatedWithReport(String model, String candidate, boolean passed) {
        ModelEvaluated e = evaluated(model, candidate, passed);
        String hex = Hashing.sha256Hex((model + "/" + candidate + "/report").getBytes(StandardCharsets.UTF_8));
        return new ModelEvaluated(e.eventId(), e.causationId(), e.model(), e.candidateId(), e.datasetId(),
                e.championVersion(), e.metrics(), e.championMetrics(), List.of(new GateResult("minimum.accuracy",
                "accuracy", e.metrics().get("accuracy"), 0.6, passed, "accuracy vs 0.6", "minimum", 0.88, 0.94, 0.95,
                null)), passed, e.summary(), e.testRows(), e.evaluatedAt(),
                new ArtifactRef("file:///tmp/driftloop/sha256/" + hex.substring(0, 2) + "/" + hex, hex,
                        "driftloop-evaluation-report"),
                new ArtifactRef("file:///tmp/driftloop/sha256/" + hex.substring(2, 4) + "/" + hex, hex,
                        "driftloop-evaluation-report-html"));
    }
}
