package io.driftloop.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftloop.contracts.dataset.Dataset;
import io.driftloop.contracts.dataset.DatasetRow;
import io.driftloop.contracts.dataset.Split;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.GateResult;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.events.RetrainTrigger;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The evaluator's orchestration on 100 hand-built test rows (labels alternate; gender a/b, 25
 * positives and 25 negatives each) plus 40 training rows it must not score. Each row carries the
 * probability every stand-in model gives it, so every figure below can be checked by hand.
 */
class EvaluatorTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final ArtifactRef DATASET = new ArtifactRef("file:///d", "d", Dataset.FORMAT);
    static final ArtifactRef GOOD = ref("good");
    static final ArtifactRef POOR = ref("poor");
    static final ArtifactRef UNFAIR = ref("unfair");
    static final ArtifactRef MISSING = ref("missing");

    final Map<ArtifactRef, Dataset> datasets = new HashMap<>();
    final Map<ArtifactRef, Scorer> scorers = new HashMap<>();
    final List<Integer> scoredRowCounts = new ArrayList<>();
    final Evaluator evaluator = new Evaluator(new ArtifactLoader() {
        @Override
        public Dataset dataset(ArtifactRef ref) {
            Dataset d = datasets.get(ref);
            if (d == null) {
                throw new UnusableArtifactException("dataset artifact unreadable: " + ref.uri() + " does not exist");
            }
            return d;
        }

        @Override
        public Scorer scorer(ArtifactRef ref) {
            Scorer s = scorers.get(ref);
            if (s == null) {
                throw new UnusableArtifactException("model artifact unreadable: " + ref.uri() + " does not exist");
            }
            return s;
        }
    }, 20, Clock.fixed(NOW, ZoneOffset.UTC));

    final ModelSpec spec = ModelSpecs.parse("""
            name: m
            task: binary-classification
            features:
              - {name: x, type: numeric}
            attributes:
              - {name: gender, sensitive: true}
              - {name: region, sensitive: false}
            gates: {minAccuracy: 0.6, minRocAuc: 0.6, maxDegradation: 0.01, maxDemographicParityDifference: 0.25}
            """);

    EvaluatorTest() {
        List<DatasetRow> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int label = i % 2;
            String gender = (i / 2) % 2 == 0 ? "a" : "b";
            // good: right except a false positive on every tenth row (5 per group) -> accuracy 0.9, AUC 1
            double good = label == 1 ? 0.9 : i % 10 == 0 ? 0.7 : 0.1;
            // poor: the same score for everyone -> all positive, accuracy 0.5, AUC 0.5
            double poor = 0.6;
            // unfair: every negative of group a predicted positive -> accuracy 0.75, AUC 1, rates 1.0 vs 0.5
            double unfair = label == 1 ? 0.9 : gender.equals("a") ? 0.6 : 0.1;
            rows.add(new DatasetRow("t-" + i, 0, i, Split.TEST,
                    Map.of("good", good, "poor", poor, "unfair", unfair), Map.of("gender", gender, "region", "r" + i), label));
        }
        for (int i = 0; i < 40; i++) {
            // training rows every model gets wrong: scoring them would ruin the figures
            rows.add(new DatasetRow("tr-" + i, 0, 100 + i, i % 2 == 0 ? Split.TRAIN : Split.VALIDATION,
                    Map.of("good", 0.0, "poor", 0.0, "unfair", 0.0), Map.of("gender", "a"), 1));
        }
        datasets.put(DATASET, new Dataset("m", "sha256:spec", List.of(), rows));
        scorers.put(GOOD, feature("good"));
        scorers.put(POOR, feature("poor"));
        scorers.put(UNFAIR, feature("unfair"));
    }

    static ArtifactRef ref(String name) {
        return new ArtifactRef("file:///" + name, name, "dl4j-multilayer");
    }

    Scorer feature(String name) {
        return rows -> {
            scoredRowCounts.add(rows.size());
            return rows.stream().mapToDouble(r -> ((Number) r.get(name)).doubleValue()).toArray();
        };
    }

    static ModelTrained trained(String candidateId, ArtifactRef artifact) {
        return new ModelTrained("ev-" + candidateId, "cause", "m", candidateId, "sha256:data", DATASET, null, List.of(),
                "sha256:spec", artifact, Map.of(), 42L, "dev", Map.of(), RetrainTrigger.DRIFT, "drift", NOW);
    }

    static ModelPromoted champion(int version, ArtifactRef artifact) {
        return new ModelPromoted("m", version, null, artifact, "sha256:old", "sha256:spec", Map.of(), "bootstrap", NOW,
                "champion-" + version, null);
    }

    static GateResult gate(ModelEvaluated e, String name) {
        return e.gates().stream().filter(g -> g.gate().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aFirstModelIsHeldToTheAbsoluteGatesOnlyAndTheSummarySaysSo() {
        ModelEvaluated e = evaluator.evaluate(trained("c1", GOOD), spec, Optional.empty());

        assertThat(e.passed()).isTrue();
        assertThat(e.gates()).extracting(GateResult::gate).containsExactly("min-accuracy", "min-roc-auc", "fairness.gender");
        assertThat(e.summary()).isEqualTo("passed 3 of 3 gates; first model of m: absolute gates only, no champion to compare with");
        assertThat(e.championVersion()).isNull();
        assertThat(e.championMetrics()).isNull();
        assertThat(e.metrics()).containsEntry("accuracy", 0.9).containsEntry("rocAuc", 1.0)
                .containsEntry("demographicParityDifference.gender", 0.0)
                .doesNotContainKey("demographicParityDifference.region");
        assertThat(e.testRows()).isEqualTo(100);
        assertThat(e.evaluatedAt()).isEqualTo(NOW);
        assertThat(e.causationId()).isEqualTo("ev-c1");
        assertThat(e.candidateId()).isEqualTo("c1");
        assertThat(e.datasetId()).isEqualTo("sha256:data");
        assertThat(e.eventId()).isEqualTo(Evaluator.eventId("c1", null));
    }

    @Test
    void onlyTheTestSplitIsScored() {
        evaluator.evaluate(trained("c1", GOOD), spec, Optional.of(champion(1, POOR)));
        assertThat(scoredRowCounts).containsExactly(100, 100);
    }

    @Test
    void aCandidateBetterThanTheChampionPassesEveryGateOnTheSameRows() {
        ModelEvaluated e = evaluator.evaluate(trained("c2", GOOD), spec, Optional.of(champion(1, POOR)));

        assertThat(e.passed()).isTrue();
        assertThat(e.summary()).isEqualTo("passed 5 of 5 gates against champion v1");
        assertThat(e.gates()).extracting(GateResult::gate).containsExactly("min-accuracy", "min-roc-auc",
                "no-worse-than-champion.accuracy", "no-worse-than-champion.rocAuc", "fairness.gender");
        assertThat(e.championVersion()).isEqualTo(1);
        assertThat(e.championMetrics()).containsEntry("accuracy", 0.5).containsEntry("rocAuc", 0.5)
                .containsEntry("demographicParityDifference.gender", 0.0);
        assertThat(gate(e, "no-worse-than-champion.accuracy").threshold()).isCloseTo(0.49, within(1e-12));
        assertThat(e.eventId()).isEqualTo(Evaluator.eventId("c2", 1));
    }

    @Test
    void aCandidateWorseThanTheChampionFailsTheComparisonGates() {
        ModelEvaluated e = evaluator.evaluate(trained("c3", POOR), spec, Optional.of(champion(2, GOOD)));

        assertThat(e.passed()).isFalse();
        assertThat(gate(e, "no-worse-than-champion.accuracy").passed()).isFalse();
        assertThat(gate(e, "no-worse-than-champion.rocAuc").passed()).isFalse();
        assertThat(gate(e, "fairness.gender").passed()).isTrue();
        assertThat(e.summary()).isEqualTo("failed 4 of 5 gates against champion v2: min-accuracy 0.500 < 0.600; "
                + "min-roc-auc 0.500 < 0.600; no-worse-than-champion.accuracy 0.500 < 0.890; "
                + "no-worse-than-champion.rocAuc 0.500 < 0.990");
    }

    @Test
    void anUnfairCandidateFailsItsFairnessGateWithTheGroupsInTheDetail() {
        ModelEvaluated e = evaluator.evaluate(trained("c4", UNFAIR), spec, Optional.empty());

        assertThat(e.passed()).isFalse();
        assertThat(e.metrics()).containsEntry("accuracy", 0.75).containsEntry("demographicParityDifference.gender", 0.5);
        assertThat(e.summary()).isEqualTo("failed 1 of 3 gates (first model, absolute gates only): fairness.gender 0.500 > 0.250");
        assertThat(gate(e, "fairness.gender").detail()).contains("b 0.500 of 50", "a 1.000 of 50");
    }

    @Test
    void aChampionThatCannotBeLoadedFailsTheComparisonClosed() {
        ModelEvaluated e = evaluator.evaluate(trained("c5", GOOD), spec, Optional.of(champion(3, MISSING)));

        assertThat(e.passed()).isFalse();
        assertThat(e.gates()).extracting(GateResult::gate)
                .containsExactly("min-accuracy", "min-roc-auc", "champion-comparison", "fairness.gender");
        assertThat(gate(e, "champion-comparison").detail()).contains("champion v3 cannot be scored", "does not exist");
        assertThat(e.championVersion()).isEqualTo(3);
        assertThat(e.championMetrics()).isNull();
        assertThat(e.metrics()).containsEntry("accuracy", 0.9);
        assertThat(e.summary()).startsWith("failed 1 of 4 gates against champion v3: champion-comparison");
    }

    @Test
    void aCandidateThatCannotBeLoadedFailsWithTheReason() {
        ModelEvaluated e = evaluator.evaluate(trained("c6", MISSING), spec, Optional.of(champion(1, GOOD)));

        assertThat(e.passed()).isFalse();
        assertThat(e.gates()).singleElement().satisfies(g -> {
            assertThat(g.gate()).isEqualTo("candidate-artifact");
            assertThat(g.detail()).contains("candidate c6 cannot be scored", "does not exist");
        });
        assertThat(e.metrics()).isEmpty();
        assertThat(e.testRows()).isEqualTo(100);
    }

    @Test
    void aCandidateYieldingNonProbabilitiesIsUnusable() {
        ArtifactRef broken = ref("broken");
        scorers.put(broken, rows -> rows.stream().mapToDouble(r -> Double.NaN).toArray());
        ModelEvaluated e = evaluator.evaluate(trained("c7", broken), spec, Optional.empty());
        assertThat(e.passed()).isFalse();
        assertThat(gate(e, "candidate-artifact").detail()).contains("NaN", "not a probability");

        ArtifactRef crashing = ref("crashing");
        scorers.put(crashing, rows -> {
            throw new IllegalStateException("shape mismatch");
        });
        assertThat(gate(evaluator.evaluate(trained("c8", crashing), spec, Optional.empty()), "candidate-artifact").detail())
                .contains("shape mismatch");
    }

    @Test
    void anUnreadableDatasetEndsInAFailedVerdict() {
        ModelTrained t = trained("c9", GOOD);
        ModelTrained noData = new ModelTrained(t.eventId(), t.causationId(), t.model(), t.candidateId(), t.datasetId(),
                ref("gone"), null, List.of(), t.specHash(), t.artifact(), Map.of(), 1L, "dev", Map.of(), null, null, NOW);
        ModelEvaluated e = evaluator.evaluate(noData, spec, Optional.empty());
        assertThat(e.passed()).isFalse();
        assertThat(e.gates()).singleElement().extracting(GateResult::gate).isEqualTo("dataset");
        assertThat(e.testRows()).isZero();
        assertThat(e.summary()).contains("dataset: dataset artifact unreadable");
    }

    @Test
    void aDatasetWithoutTestRowsEndsInAFailedVerdict() {
        datasets.put(DATASET, new Dataset("m", "s", List.of(), datasets.get(DATASET).split(Split.TRAIN)));
        ModelEvaluated e = evaluator.evaluate(trained("c10", GOOD), spec, Optional.empty());
        assertThat(e.passed()).isFalse();
        assertThat(e.gates()).singleElement().satisfies(g -> {
            assertThat(g.gate()).isEqualTo("test-split");
            assertThat(g.detail()).contains("has no test rows");
        });
    }

    @Test
    void testRowsOfOneClassFailTheRocAucGateAndLeaveItOutOfTheMetrics() {
        List<DatasetRow> positivesOnly = datasets.get(DATASET).split(Split.TEST).stream().filter(r -> r.label() == 1).toList();
        datasets.put(DATASET, new Dataset("m", "s", List.of(), positivesOnly));
        ModelEvaluated e = evaluator.evaluate(trained("c11", GOOD), spec, Optional.of(champion(1, POOR)));

        assertThat(e.metrics()).containsEntry("accuracy", 1.0).doesNotContainKey("rocAuc");
        assertThat(e.championMetrics()).doesNotContainKey("rocAuc");
        assertThat(gate(e, "min-accuracy").passed()).isTrue();
        assertThat(gate(e, "min-roc-auc").passed()).isFalse();
        assertThat(gate(e, "min-roc-auc").detail()).contains("undefined on these 50 test rows");
        assertThat(gate(e, "no-worse-than-champion.rocAuc").passed()).isFalse();
        assertThat(e.passed()).isFalse();
    }

    @Test
    void aSpecWithoutSensitiveAttributesHasNoFairnessGate() {
        ModelSpec plain = ModelSpecs.parse("""
                name: m
                task: binary-classification
                features:
                  - {name: x, type: numeric}
                """);
        ModelEvaluated e = evaluator.evaluate(trained("c12", GOOD), plain, Optional.empty());
        assertThat(e.gates()).extracting(GateResult::gate).containsExactly("min-accuracy", "min-roc-auc");
        assertThat(e.metrics()).containsOnlyKeys("accuracy", "rocAuc");
    }

    @Test
    void eventIdsAreDeterministicPerCandidateAndChampionVersion() {
        assertThat(Evaluator.eventId("c", 1)).isEqualTo(Evaluator.eventId("c", 1));
        assertThat(Evaluator.eventId("c", 1)).isNotEqualTo(Evaluator.eventId("c", 2))
                .isNotEqualTo(Evaluator.eventId("c", null)).isNotEqualTo(Evaluator.eventId("d", 1));
        ModelEvaluated first = evaluator.evaluate(trained("c13", GOOD), spec, Optional.of(champion(1, POOR)));
        ModelEvaluated again = evaluator.evaluate(trained("c13", GOOD), spec, Optional.of(champion(1, POOR)));
        assertThat(again).isEqualTo(first);
    }
}
