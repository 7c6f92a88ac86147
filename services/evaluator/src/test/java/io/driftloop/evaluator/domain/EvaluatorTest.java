package io.driftloop.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftloop.contracts.Hashing;
import io.driftloop.contracts.Json;
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
import io.driftloop.evaluator.domain.Curves.CalibrationBin;
import io.driftloop.evaluator.domain.Curves.ModelCurves;
import io.driftloop.evaluator.domain.Curves.PrecisionRecallPoint;
import io.driftloop.evaluator.domain.Curves.RocPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The evaluator's orchestration on 100 hand-built test rows (labels alternate; gender a/b, 25
 * positives and 25 negatives each; region r0..r99, one row each) plus 40 training rows (all
 * positive, so the baseline's prior is 1 and its majority class positive) it must not score. Each
 * row carries the probability every stand-in model gives it, so every figure can be checked by hand.
 */
class EvaluatorTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final ArtifactRef DATASET = new ArtifactRef("file:///d", "d", Dataset.FORMAT);
    static final ArtifactRef GOOD = ref("good");
    static final ArtifactRef BETTER = ref("better");
    static final ArtifactRef POOR = ref("poor");
    static final ArtifactRef UNFAIR = ref("unfair");
    static final ArtifactRef MISSING = ref("missing");
    static final String NO_CHAMPION = "no champion: non-inferiority/superiority gates not applicable";

    final Map<ArtifactRef, Dataset> datasets = new HashMap<>();
    final Map<ArtifactRef, Scorer> scorers = new HashMap<>();
    final List<Integer> scoredRowCounts = new ArrayList<>();
    final MemoryArtifactStore store = new MemoryArtifactStore();
    /** Reads the datasets and scorers above; a missing one is an unusable artifact. */
    final ArtifactLoader loader = new ArtifactLoader() {
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
    };
    final Evaluator evaluator = new Evaluator(loader, store, Clock.fixed(NOW, ZoneOffset.UTC));

    static final String SHORTHAND = "gates: {minAccuracy: 0.6, minRocAuc: 0.6, maxDegradation: 0.01, maxDemographicParityDifference: 0.25}";
    /** The hash of {@link #spec}: every candidate here was trained under it. */
    static final String SPEC_HASH = ModelSpecs.hash(spec(SHORTHAND));

    final ModelSpec spec = spec(SHORTHAND);

    /** The spec of model m with the attributes gender (sensitive) and region, and {@code gates}. */
    static ModelSpec spec(String gates) {
        return spec("""
                attributes:
                  - {name: gender, sensitive: true}
                  - {name: region, sensitive: false}
                """, gates);
    }

    /** The spec of model m (one numeric feature x) with {@code attributes} and {@code gates}, each YAML or empty. */
    static ModelSpec spec(String attributes, String gates) {
        return ModelSpecs.parse("""
                name: m
                task: binary-classification
                features:
                  - {name: x, type: numeric}
                %s
                %s
                """.formatted(attributes, gates));
    }

    /** Replaces every row of the dataset with {@code rewrite} of it. */
    void rewriteRows(UnaryOperator<DatasetRow> rewrite) {
        List<DatasetRow> rows = datasets.get(DATASET).rows().stream().map(rewrite).toList();
        datasets.put(DATASET, new Dataset("m", "s", List.of(), rows));
    }

    EvaluatorTest() {
        List<DatasetRow> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int label = i % 2;
            String gender = (i / 2) % 2 == 0 ? "a" : "b";
            // good: right except a false positive on every tenth row (5 per group) -> accuracy 0.9, AUC 1
            double good = label == 1 ? 0.9 : i % 10 == 0 ? 0.7 : 0.1;
            // better: as good, but right on row 0 as well -> accuracy 0.91
            double better = i == 0 ? 0.1 : good;
            // poor: the same score for everyone -> all positive, accuracy 0.5, AUC 0.5
            double poor = 0.6;
            // unfair: every negative of group a predicted positive -> accuracy 0.75, AUC 1, rates 1.0 vs 0.5
            double unfair = label == 1 ? 0.9 : gender.equals("a") ? 0.6 : 0.1;
            rows.add(new DatasetRow("t-" + i, 0, i, Split.TEST,
                    Map.of("good", good, "better", better, "poor", poor, "unfair", unfair),
                    Map.of("gender", gender, "region", "r" + i), label));
        }
        for (int i = 0; i < 40; i++) {
            // training rows every model gets wrong: scoring them would ruin the figures
            rows.add(new DatasetRow("tr-" + i, 0, 100 + i, i % 2 == 0 ? Split.TRAIN : Split.VALIDATION,
                    Map.of("good", 0.0, "better", 0.0, "poor", 0.0, "unfair", 0.0), Map.of("gender", "a"), 1));
        }
        datasets.put(DATASET, new Dataset("m", "sha256:spec", List.of(), rows));
        for (String name : List.of("good", "better", "poor", "unfair")) {
            scorers.put(ref(name), feature(name));
        }
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
                SPEC_HASH, artifact, Map.of(), 42L, "dev", Map.of(), RetrainTrigger.DRIFT, "drift", NOW);
    }

    static ModelPromoted champion(int version, ArtifactRef artifact) {
        return new ModelPromoted("m", version, null, artifact, "sha256:old", "sha256:spec", Map.of(), "bootstrap", NOW,
                "champion-" + version, null);
    }

    static GateResult gate(ModelEvaluated e, String name) {
        return e.gates().stream().filter(g -> g.gate().equals(name)).findFirst().orElseThrow();
    }

    EvaluationReport report(ModelEvaluated e) {
        return Json.decode(store.get(e.report()), EvaluationReport.class);
    }

    @Test
    void aFirstModelIsHeldToTheAbsoluteAndBaselineGatesOnlyAndTheSummarySaysSo() {
        ModelEvaluated e = evaluator.evaluate(trained("c1", GOOD), spec, Optional.empty());

        assertThat(e.passed()).as(e.summary()).isTrue();
        assertThat(e.gates()).extracting(GateResult::gate).containsExactly("minimum.accuracy", "minimum.rocAuc",
                "beats-baseline.brier", "fairness.demographic-parity-difference.gender");
        assertThat(e.summary()).isEqualTo("passed 4 of 4 gates; " + NO_CHAMPION);
        assertThat(report(e).notes()).singleElement().asString().contains(NO_CHAMPION);
        assertThat(e.championVersion()).isNull();
        assertThat(e.championMetrics()).isNull();
        assertThat(e.metrics()).containsEntry("accuracy", 0.9).containsEntry("rocAuc", 1.0).containsEntry("prAuc", 1.0)
                .containsEntry("precision", 50 / 60.0).containsEntry("recall", 1.0)
                .containsEntry("demographicParityDifference.gender", 0.0)
                .containsEntry("disparateImpactRatio.gender", 1.0)
                .containsKeys("f1", "logLoss", "brier", "ece", "equalOpportunityDifference.gender",
                        "equalizedOddsDifference.gender")
                .doesNotContainKey("demographicParityDifference.region");
        assertThat(e.testRows()).isEqualTo(100);
        assertThat(e.evaluatedAt()).isEqualTo(NOW);
        assertThat(e.causationId()).isEqualTo("ev-c1");
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

        assertThat(e.passed()).as(e.summary()).isTrue();
        assertThat(e.summary()).isEqualTo("passed 6 of 6 gates against champion v1");
        assertThat(e.gates()).extracting(GateResult::gate).containsExactly("minimum.accuracy", "minimum.rocAuc",
                "non-inferiority.accuracy", "non-inferiority.rocAuc", "beats-baseline.brier",
                "fairness.demographic-parity-difference.gender");
        assertThat(e.championMetrics()).containsEntry("accuracy", 0.5).containsEntry("rocAuc", 0.5)
                .containsEntry("demographicParityDifference.gender", 0.0);
        GateResult ni = gate(e, "non-inferiority.accuracy");
        assertThat(ni.kind()).isEqualTo("non-inferiority");
        assertThat(ni.value()).isCloseTo(0.4, within(1e-12));
        assertThat(ni.threshold()).isEqualTo(-0.01);
        assertThat(ni.lower()).isLessThanOrEqualTo(0.4);
        assertThat(ni.upper()).isGreaterThanOrEqualTo(0.4);
        assertThat(ni.confidence()).isEqualTo(0.95);
        // 40 rows only the candidate gets right (the champion calls every negative positive), none the reverse
        assertThat(ni.pValue()).isNotNull().isLessThan(1e-6);
        assertThat(ni.detail()).contains("candidate accuracy 0.900 vs champion v1 0.500", "difference +0.400",
                "95% paired bootstrap interval", "point difference > -0.010", "passed",
                "McNemar's chi-square with continuity correction test: 40 rows only the candidate gets right, 0 only the champion");
        assertThat(gate(e, "beats-baseline.brier").detail()).contains("candidate brier 0.058 vs 0.500 of the constant score",
                "(the training split's share of positives)", "passed");
        assertThat(e.eventId()).isEqualTo(Evaluator.eventId("c2", 1));
    }

    @Test
    void aCandidateWorseThanTheChampionFailsTheComparisonGates() {
        ModelEvaluated e = evaluator.evaluate(trained("c3", POOR), spec, Optional.of(champion(2, GOOD)));

        assertThat(e.passed()).isFalse();
        assertThat(gate(e, "non-inferiority.accuracy").passed()).isFalse();
        assertThat(gate(e, "non-inferiority.rocAuc").passed()).isFalse();
        assertThat(gate(e, "fairness.demographic-parity-difference.gender").passed()).isTrue();
        assertThat(e.summary()).isEqualTo("failed 4 of 6 gates against champion v2: minimum.accuracy 0.500 < 0.600; "
                + "minimum.rocAuc 0.500 < 0.600; non-inferiority.accuracy -0.400 <= -0.010; "
                + "non-inferiority.rocAuc -0.500 <= -0.010");
    }

    @Test
    void aMoreAccurateButUnfairCandidateIsBlockedByTheNamedFairnessGate() {
        ModelEvaluated e = evaluator.evaluate(trained("c4", UNFAIR), spec, Optional.of(champion(1, POOR)));

        assertThat(e.metrics().get("accuracy")).isEqualTo(0.75).isGreaterThan(e.championMetrics().get("accuracy"));
        assertThat(gate(e, "non-inferiority.accuracy").passed()).isTrue();
        assertThat(e.passed()).isFalse();
        assertThat(e.gates()).filteredOn(g -> !g.passed()).extracting(GateResult::gate)
                .containsExactly("fairness.demographic-parity-difference.gender");
        assertThat(e.summary()).isEqualTo("failed 1 of 6 gates against champion v1: "
                + "fairness.demographic-parity-difference.gender 0.500 > 0.250");
        GateResult fairness = gate(e, "fairness.demographic-parity-difference.gender");
        assertThat(fairness.metric()).isEqualTo("demographicParityDifference.gender");
        assertThat(fairness.kind()).isEqualTo("fairness");
        assertThat(fairness.value()).isEqualTo(0.5);
        assertThat(fairness.lower()).isNotNull();
        assertThat(fairness.detail()).contains("selection rate a 1.000 of 50, b 0.500 of 50", "the point value > 0.250");
        assertThat(e.metrics()).containsEntry("demographicParityDifference.gender", 0.5)
                .containsEntry("disparateImpactRatio.gender", 0.5);
    }

    @Test
    void aCandidateWithinNoiseOfTheChampionFailsADeclaredSuperiorityGateWhichHoldsTheIntervalByDefault() {
        ModelSpec declared = spec("""
                gates:
                  quality:
                    - {metric: accuracy, kind: superiority, margin: 0}
                    - {metric: accuracy, kind: non-inferiority, margin: 0.05}
                """);
        ModelEvaluated e = evaluator.evaluate(trained("c5", BETTER), declared, Optional.of(champion(1, GOOD)));

        GateResult superiority = gate(e, "superiority.accuracy");
        assertThat(superiority.value()).isCloseTo(0.01, within(1e-12));
        assertThat(superiority.lower()).isEqualTo(0.0);
        assertThat(superiority.passed()).isFalse();
        assertThat(superiority.detail()).contains("superiority requires the interval's lower end > +0.000", "was +0.000",
                "failed", "McNemar's exact binomial test: 1 rows only the candidate gets right, 0 only the champion",
                "p = 1.000");
        assertThat(superiority.pValue()).isEqualTo(1.0);
        GateResult nonInferiority = gate(e, "non-inferiority.accuracy");
        assertThat(nonInferiority.passed()).isTrue();
        assertThat(nonInferiority.threshold()).isEqualTo(-0.05);
        assertThat(e.passed()).isFalse();
        assertThat(e.summary()).contains("superiority.accuracy +0.000 <= +0.000");
    }

    @Test
    void aSuperiorityGateOnThePointDifferencePassesAnyImprovement() {
        ModelSpec declared = spec("gates: {quality: [{metric: accuracy, kind: superiority, on: point}]}");
        ModelEvaluated e = evaluator.evaluate(trained("c5b", BETTER), declared, Optional.of(champion(1, GOOD)));
        assertThat(gate(e, "superiority.accuracy").passed()).isTrue();
    }

    @Test
    void lowerIsBetterMetricsAreComparedAsImprovements() {
        ModelSpec declared = spec("""
                gates:
                  quality:
                    - {metric: logLoss, kind: maximum, threshold: 0.5}
                    - {metric: brier, kind: non-inferiority, margin: 0.0}
                    - {metric: logLoss, kind: beats-baseline}
                """);
        ModelEvaluated e = evaluator.evaluate(trained("c6", GOOD), declared, Optional.of(champion(1, POOR)));

        assertThat(gate(e, "maximum.logLoss").passed()).isTrue();
        GateResult brier = gate(e, "non-inferiority.brier");
        // champion brier 0.5*0.16 + 0.5*0.36 = 0.26; candidate 0.5*0.01 + 0.4*0.01 + 0.1*0.49 = 0.058
        assertThat(brier.value()).isCloseTo(0.26 - 0.058, within(1e-12));
        assertThat(brier.passed()).isTrue();
        assertThat(brier.detail()).contains("improvement (lower is better: champion v1 − candidate)");
        GateResult baseline = gate(e, "beats-baseline.logLoss");
        assertThat(baseline.passed()).isTrue();
        assertThat(baseline.detail()).contains("the constant score 1.000 (the training split's share of positives)");
        assertThat(e.metrics().get("brier")).isCloseTo(0.058, within(1e-12));
    }

    @Test
    void aMinimumOnTheIntervalHoldsTheLowerEnd() {
        ModelSpec declared = spec("gates: {quality: [{metric: accuracy, kind: minimum, threshold: 0.88, on: interval}]}");
        ModelEvaluated e = evaluator.evaluate(trained("c7", GOOD), declared, Optional.empty());
        GateResult g = gate(e, "minimum.accuracy");
        assertThat(g.value()).isEqualTo(0.9);
        assertThat(g.lower()).isLessThan(0.88);
        assertThat(g.passed()).isFalse();
        assertThat(g.detail()).contains("the interval's lower end", "< 0.880");
    }

    @Test
    void fairnessGatesOfEveryKindAndIntersectionsAreNamedByMetricAndAttribute() {
        ModelSpec declared = spec("""
                attributes:
                  - {name: gender, sensitive: true}
                  - {name: band, sensitive: true}
                """, """
                gates:
                  minGroupSize: 10
                  intersections: true
                  quality: []
                  fairness:
                    - {metric: disparate-impact-ratio, referenceGroup: a, attributes: [gender]}
                    - {metric: equalized-odds-difference, threshold: 0.6, on: interval}
                """);
        rewriteRows(r -> new DatasetRow(r.requestId(), r.partition(), r.offset(), r.split(), r.features(),
                Map.of("gender", r.attributes().get("gender"), "band", r.offset() % 4 < 2 ? "low" : "high"), r.label()));
        ModelEvaluated e = evaluator.evaluate(trained("c8", UNFAIR), declared, Optional.empty());

        assertThat(e.gates()).extracting(GateResult::gate).containsExactly(
                "fairness.disparate-impact-ratio.gender",
                "fairness.equalized-odds-difference.gender", "fairness.equalized-odds-difference.band",
                "fairness.equalized-odds-difference.gender×band");
        GateResult ratio = gate(e, "fairness.disparate-impact-ratio.gender");
        // b's selection rate 0.5 against reference a's 1.0
        assertThat(ratio.value()).isEqualTo(0.5);
        assertThat(ratio.threshold()).isEqualTo(0.8);
        assertThat(ratio.passed()).isFalse();
        assertThat(ratio.detail()).contains("against reference group a");
        // false-positive rates: a 1.0, b 0.0
        assertThat(gate(e, "fairness.equalized-odds-difference.gender").value()).isEqualTo(1.0);
        assertThat(gate(e, "fairness.equalized-odds-difference.gender×band").detail()).contains("a×low 1.000 / 1.000 of 50", "b×high 1.000 / 0.000 of 50");
        assertThat(e.metrics()).containsKeys("equalizedOddsDifference.gender×band", "demographicParityDifference.band");
        assertThat(report(e).statistics().fairness()).extracting(AttributeFairness::attribute)
                .containsExactly("gender", "band", "gender×band");
    }

    @Test
    void aFairnessGateWithFewerThanTwoGroupsOfTheMinimumSizeIsUndecidableAndDoesNotPassSayingSo() {
        ModelSpec declared = spec("gates: {minGroupSize: 60}");
        ModelEvaluated e = evaluator.evaluate(trained("c9", UNFAIR), declared, Optional.empty());
        GateResult g = gate(e, "fairness.demographic-parity-difference.gender");
        assertThat(g.passed()).isFalse();
        assertThat(g.detail()).contains("fewer than two groups reach minGroupSize: 60 test rows",
                "not gated (fewer than 60 rows): a (50 rows), b (50 rows)", "not decidable on these rows");
        assertThat(g.notDecided()).isTrue();
        assertThat(e.metrics()).doesNotContainKey("demographicParityDifference.gender");
        assertThat(e.passed()).isFalse();
        assertThat(e.verdict()).isEqualTo(io.driftloop.contracts.events.Verdict.UNDECIDABLE);
        assertThat(e.summary()).startsWith("not decidable yet: 1 of ").contains("more data is needed");
    }

    @Test
    void anEqualOpportunityGateCountsOnlyGroupsWithTheMinimumNumberOfPositives() {
        // 25 positives per gender: with minGroupSize 30 both groups are gated (50 rows) but neither TPR counts
        ModelSpec declared = spec("gates: {minGroupSize: 30, quality: [], fairness: [{metric: equal-opportunity-difference, threshold: 0.1}]}");
        ModelEvaluated e = evaluator.evaluate(trained("c9b", UNFAIR), declared, Optional.empty());
        GateResult g = gate(e, "fairness.equal-opportunity-difference.gender");
        assertThat(g.passed()).isFalse();
        assertThat(g.detail()).contains("fewer than two groups reach minGroupSize: 30 test rows, 30 positives each",
                "rate not counted (fewer than 30 positives): a (25 positives, 25 negatives)");
    }

    @Test
    void aReferenceGroupSelectingNobodyGivesAnInfiniteRatioThatPasses() {
        // a stand-in selecting everyone in group a and nobody in the reference group b
        rewriteRows(r -> {
            Map<String, Object> features = new HashMap<>(r.features());
            features.put("side", r.attributes().get("gender"));
            return new DatasetRow(r.requestId(), r.partition(), r.offset(), r.split(), features, r.attributes(), r.label());
        });
        ArtifactRef skewed = ref("skewed");
        scorers.put(skewed, batch -> batch.stream().mapToDouble(r -> "a".equals(r.get("side")) ? 0.9 : 0.1).toArray());
        ModelSpec declared = spec("gates: {quality: [], fairness: [{metric: disparate-impact-ratio, referenceGroup: b, attributes: [gender]}]}");
        ModelEvaluated e = evaluator.evaluate(trained("c9c", skewed), declared, Optional.empty());
        GateResult g = gate(e, "fairness.disparate-impact-ratio.gender");
        assertThat(g.passed()).as(g.detail()).isTrue();
        assertThat(g.value()).isEqualTo(FairnessMeasure.INFINITE_RATIO);
        assertThat(g.detail()).contains("+∞");
        assertThat(Json.encode(e)).doesNotContain("Infinity");
    }

    @Test
    void intersectionGatesAreNamedInTheSpecsAttributeOrderAndAReferenceGroupIsNotAppliedToThem() {
        ModelSpec declared = spec("""
                attributes:
                  - {name: gender, sensitive: true}
                  - {name: region, sensitive: true}
                """, """
                gates:
                  minGroupSize: 10
                  intersections: true
                  quality: []
                  fairness:
                    - {metric: demographic-parity-difference, threshold: 0.6, attributes: [region, gender]}
                    - {metric: disparate-impact-ratio, referenceGroup: a, attributes: [gender]}
                """);
        rewriteRows(r -> new DatasetRow(r.requestId(), r.partition(), r.offset(), r.split(), r.features(),
                Map.of("gender", r.attributes().get("gender"), "region", r.offset() % 4 < 2 ? "north" : "south"), r.label()));
        ModelEvaluated e = evaluator.evaluate(trained("c8b", UNFAIR), declared, Optional.empty());

        assertThat(e.gates()).extracting(GateResult::gate).containsExactly(
                "fairness.demographic-parity-difference.gender", "fairness.demographic-parity-difference.region",
                "fairness.demographic-parity-difference.gender×region", "fairness.disparate-impact-ratio.gender");
        assertThat(gate(e, "fairness.demographic-parity-difference.gender×region").detail())
                .doesNotContain("not measured").contains("a×north 1.000 of 50", "b×south 0.500 of 50");
    }

    @Test
    void aVerdictWithNoApplicableGateFailsClosed() {
        ModelSpec onlyComparisons = spec("gates: {quality: [{metric: accuracy, kind: non-inferiority, margin: 0.01}], fairness: []}");
        ModelEvaluated e = evaluator.evaluate(trained("c9d", GOOD), onlyComparisons, Optional.empty());
        assertThat(e.passed()).isFalse();
        assertThat(e.gates()).singleElement().satisfies(g -> {
            assertThat(g.gate()).isEqualTo("no-gate-applicable");
            assertThat(g.passed()).isFalse();
        });
        assertThat(e.summary()).contains("no gate applicable");
    }

    @Test
    void aFailureWhileComputingTheStatisticsEndsInAFailedVerdictNamingIt() {
        // a spec that never went through validation: a negative number of resamples
        io.driftloop.contracts.spec.GateSpec g = spec.gates();
        ModelSpec broken = new ModelSpec(spec.name(), spec.task(), spec.label(), spec.features(), spec.attributes(),
                spec.drift(), spec.training(), new io.driftloop.contracts.spec.GateSpec(g.minAccuracy(), g.minRocAuc(),
                g.maxDegradation(), g.maxDemographicParityDifference(), g.confidence(), -1, g.minSliceSize(),
                g.minGroupSize(), g.quality(), g.fairness(), g.intersections()), spec.promotion());
        ModelEvaluated e = evaluator.evaluate(trained("c9e", GOOD), broken, Optional.of(champion(1, POOR)));

        assertThat(e.passed()).isFalse();
        assertThat(e.gates()).singleElement().satisfies(r -> {
            assertThat(r.gate()).isEqualTo("evaluation-error");
            assertThat(r.detail()).contains("NegativeArraySizeException", "-1");
        });
        assertThat(e.testRows()).isEqualTo(100);
        assertThat(e.report()).isNotNull();
        assertThat(report(e).statistics()).isNull();
    }

    @Test
    void aReportThatCannotBeStoredEndsInAFailedVerdictWithoutReport() {
        Evaluator failingStore = new Evaluator(loader, new MemoryArtifactStore() {
            @Override
            public ArtifactRef put(byte[] content, String format) {
                throw new java.io.UncheckedIOException(new java.io.IOException("disk full"));
            }
        }, Clock.fixed(NOW, ZoneOffset.UTC));
        ModelEvaluated e = failingStore.evaluate(trained("c9f", GOOD), spec, Optional.empty());

        assertThat(e.passed()).isFalse();
        assertThat(e.report()).isNull();
        assertThat(e.reportHtml()).isNull();
        assertThat(gate(e, "evaluation-error").detail()).contains("the report could not be stored", "disk full");
        assertThat(gate(e, "minimum.accuracy").passed()).isTrue();
        assertThat(e.summary()).startsWith("failed 1 of 5 gates").contains("evaluation-error");
    }

    @Test
    void aCandidateOfAModelWithoutSpecGetsAFailedVerdictSayingSo() {
        ModelEvaluated e = evaluator.withoutSpec(trained("c9g", GOOD), Optional.empty());
        assertThat(e.passed()).isFalse();
        assertThat(e.gates()).singleElement().satisfies(g -> {
            assertThat(g.gate()).isEqualTo("spec");
            assertThat(g.detail()).contains("no spec registered for model m");
        });
        assertThat(e.eventId()).isEqualTo(Evaluator.eventId("c9g", null));
    }

    @Test
    void theReportRecordsTheSpecHashesAndTheGatesAsAppliedAndSaysWhenTheSpecChangedSinceTraining() {
        ModelEvaluated same = evaluator.evaluate(trained("c9h", GOOD), spec, Optional.empty());
        EvaluationReport report = report(same);
        assertThat(report.specHash()).isEqualTo(SPEC_HASH);
        assertThat(report.gatedBySpecHash()).isEqualTo(SPEC_HASH);
        assertThat(report.gateSpec().quality()).hasSize(5);
        assertThat(report.gateSpec().bootstrapResamples()).isEqualTo(1000);
        assertThat(same.summary()).doesNotContain("spec changed");

        ModelSpec changed = spec("gates: {minAccuracy: 0.8}");
        ModelEvaluated e = evaluator.evaluate(trained("c9i", GOOD), changed, Optional.empty());
        assertThat(e.passed()).isTrue();
        assertThat(e.summary()).contains("spec changed since training: trained under " + SPEC_HASH.substring(0, 19));
        EvaluationReport r = report(e);
        assertThat(r.specHash()).isEqualTo(SPEC_HASH);
        assertThat(r.gatedBySpecHash()).isEqualTo(ModelSpecs.hash(changed)).isNotEqualTo(SPEC_HASH);
        assertThat(r.gateSpec().minAccuracy()).isEqualTo(0.8);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("trained under spec " + SPEC_HASH));
    }

    @Test
    void slicesBelowTheMinimumSizeAreReportedWithTheirSizeButNoMetrics() {
        ModelEvaluated e = evaluator.evaluate(trained("c10", GOOD), spec, Optional.empty());
        List<Slice> slices = report(e).statistics().slices();
        assertThat(slices).filteredOn(s -> s.dimension().equals("gender")).extracting(Slice::value, Slice::rows)
                .containsExactly(tuple("a", 50), tuple("b", 50));
        assertThat(slices).filteredOn(s -> s.dimension().equals("gender"))
                .allSatisfy(s -> assertThat(s.metrics().get(io.driftloop.contracts.spec.QualityMetric.ACCURACY).value())
                        .isEqualTo(0.9));
        assertThat(slices).filteredOn(s -> s.dimension().equals("region")).hasSize(100)
                .allSatisfy(s -> {
                    assertThat(s.rows()).isEqualTo(1);
                    assertThat(s.metrics()).isNull();
                });
    }

    @Test
    void theReportIsStoredAsJsonAndHtmlAndItsSha256MatchesTheBytes() {
        ModelEvaluated e = evaluator.evaluate(trained("c11", GOOD), spec, Optional.of(champion(1, POOR)));

        assertThat(e.report().format()).isEqualTo("driftloop-evaluation-report+json");
        assertThat(e.reportHtml().format()).isEqualTo("driftloop-evaluation-report+html");
        byte[] json = store.get(e.report());
        assertThat(Hashing.sha256Hex(json)).isEqualTo(e.report().sha256());
        assertThat(Hashing.sha256Hex(store.get(e.reportHtml()))).isEqualTo(e.reportHtml().sha256());
        EvaluationReport report = report(e);
        assertThat(report.gates()).isEqualTo(e.gates());
        assertThat(report.statistics().resamples()).isEqualTo(1000);
        assertThat(report.statistics().confidence()).isEqualTo(0.95);
        assertThat(report.statistics().seed()).isEqualTo(Bootstrap.seedOf("c11"));
        assertThat(report.statistics().candidate().confusion()).isEqualTo(new ConfusionMatrix(40, 10, 0, 50));
        assertThat(report.statistics().versusChampion()).containsKeys("accuracy", "rocAuc", "logLoss");
        assertThat(report.statistics().mcnemar().candidateOnly()).isEqualTo(40);
        String html = new String(store.get(e.reportHtml()), StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("PASSED", "non-inferiority.accuracy", "Fairness",
                "Calibration (candidate)", "Calibration (champion)",
                "Confusion matrix").doesNotContain("src=", "href=", "<script", "<link");
    }

    @Test
    void theReportCarriesTheCandidatesAndTheChampionsCurvesOnTheTestRows() {
        ModelEvaluated e = evaluator.evaluate(trained("c23", GOOD), spec, Optional.of(champion(1, POOR)));
        Curves curves = report(e).statistics().curves();

        // good: 50 positives at 0.9, 10 negatives at 0.7, 40 negatives at 0.1
        ModelCurves candidate = curves.candidate();
        assertThat(candidate.roc()).containsExactly(new RocPoint(0, 0, 1.0), new RocPoint(0, 1, 0.9),
                new RocPoint(0.2, 1, 0.7), new RocPoint(1, 1, 0.1));
        assertThat(candidate.precisionRecall()).containsExactly(new PrecisionRecallPoint(0, 1, 1.0),
                new PrecisionRecallPoint(1, 1, 0.9), new PrecisionRecallPoint(1, 50 / 60.0, 0.7),
                new PrecisionRecallPoint(1, 0.5, 0.1));
        assertThat(candidate.calibration()).extracting(CalibrationBin::lower, CalibrationBin::upper, CalibrationBin::rows,
                CalibrationBin::observedRate).containsExactly(tuple(0.1, 0.2, 40, 0.0),
                tuple(0.7, 0.8, 10, 0.0), tuple(0.9, 1.0, 50, 1.0));
        assertThat(candidate.calibration()).extracting(CalibrationBin::meanScore).satisfiesExactly(
                m -> assertThat(m).isCloseTo(0.1, within(1e-12)), m -> assertThat(m).isCloseTo(0.7, within(1e-12)),
                m -> assertThat(m).isCloseTo(0.9, within(1e-12)));
        // poor: everyone at 0.6, one step from corner to corner
        ModelCurves champion = curves.champion();
        assertThat(champion.roc()).containsExactly(new RocPoint(0, 0, 1.0), new RocPoint(1, 1, 0.6));
        assertThat(champion.precisionRecall()).containsExactly(new PrecisionRecallPoint(0, 1, 1.0),
                new PrecisionRecallPoint(1, 0.5, 0.6));
        assertThat(champion.calibration()).singleElement().isEqualTo(new CalibrationBin(0.6, 0.7, 100, 0.6, 0.5));
    }

    @Test
    void theReportMeetsItsSchemaInContractsWithAndWithoutAChampion() throws IOException {
        var schema = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
                .getSchema(Json.class.getResourceAsStream("/schemas/evaluation-report.v4.schema.json"));
        for (ModelEvaluated e : List.of(evaluator.evaluate(trained("c25", GOOD), spec, Optional.of(champion(1, POOR))),
                evaluator.evaluate(trained("c26", GOOD), spec, Optional.empty()))) {
            JsonNode report = Json.mapper().readTree(store.get(e.report()));
            assertThat(report.path("statistics").path("curves").path("candidate").path("roc")).isNotEmpty();
            assertThat(schema.validate(report)).as(e.candidateId()).isEmpty();
        }
    }

    @Test
    void theReportsCurvesAreWrittenUnderTheNamesTheConsoleReadsWithANullChampionWhenThereIsNone() throws IOException {
        ModelEvaluated e = evaluator.evaluate(trained("c24", GOOD), spec, Optional.empty());
        JsonNode report = Json.mapper().readTree(store.get(e.report()));
        JsonNode curves = report.get("statistics").get("curves");

        assertThat(report.get("reportVersion").asInt()).isEqualTo(4);
        assertThat(curves.has("champion")).isTrue();
        assertThat(curves.get("champion").isNull()).isTrue();
        JsonNode candidate = curves.get("candidate");
        assertThat(candidate.fieldNames()).toIterable().containsExactly("calibration", "precisionRecall", "roc");
        assertThat(candidate.get("roc").get(0).fieldNames()).toIterable().containsExactly("fpr", "threshold", "tpr");
        assertThat(candidate.get("precisionRecall").get(0).fieldNames()).toIterable()
                .containsExactly("precision", "recall", "threshold");
        assertThat(candidate.get("calibration").get(0).fieldNames()).toIterable()
                .containsExactly("lower", "meanScore", "observedRate", "rows", "upper");
        assertThat(Json.encode(curves)).isEqualTo(Json.encode(Json.decode(Json.encode(curves), Curves.class)));
    }

    @Test
    void reEvaluatingACandidateGivesTheSameReportBytes() {
        ModelEvaluated first = evaluator.evaluate(trained("c12", GOOD), spec, Optional.of(champion(1, POOR)));
        ModelEvaluated again = evaluator.evaluate(trained("c12", GOOD), spec, Optional.of(champion(1, POOR)));
        assertThat(again).isEqualTo(first);
        assertThat(again.report().sha256()).isEqualTo(first.report().sha256());
        ModelEvaluated other = evaluator.evaluate(trained("c13", GOOD), spec, Optional.of(champion(1, POOR)));
        assertThat(report(other).statistics().seed()).isNotEqualTo(report(first).statistics().seed());
    }

    @Test
    void aChampionThatCannotBeLoadedFailsTheComparisonClosed() {
        ModelEvaluated e = evaluator.evaluate(trained("c14", GOOD), spec, Optional.of(champion(3, MISSING)));

        assertThat(e.passed()).isFalse();
        assertThat(e.gates()).extracting(GateResult::gate).containsExactly("minimum.accuracy", "minimum.rocAuc",
                "champion-comparison", "beats-baseline.brier", "fairness.demographic-parity-difference.gender");
        assertThat(gate(e, "champion-comparison").detail()).contains("champion v3 cannot be scored", "does not exist");
        assertThat(e.championVersion()).isEqualTo(3);
        assertThat(e.championMetrics()).isNull();
        assertThat(e.summary()).startsWith("failed 1 of 5 gates against champion v3: champion-comparison");
    }

    @Test
    void aCandidateThatCannotBeLoadedFailsWithTheReason() {
        ModelEvaluated e = evaluator.evaluate(trained("c15", MISSING), spec, Optional.of(champion(1, GOOD)));

        assertThat(e.passed()).isFalse();
        assertThat(e.gates()).singleElement().satisfies(g -> {
            assertThat(g.gate()).isEqualTo("candidate-artifact");
            assertThat(g.detail()).contains("candidate c15 cannot be scored", "does not exist");
        });
        assertThat(e.metrics()).isEmpty();
        assertThat(e.testRows()).isEqualTo(100);
        assertThat(report(e).statistics()).isNull();
    }

    @Test
    void aCandidateYieldingNonProbabilitiesIsUnusable() {
        ArtifactRef broken = ref("broken");
        scorers.put(broken, rows -> rows.stream().mapToDouble(r -> Double.NaN).toArray());
        ModelEvaluated e = evaluator.evaluate(trained("c16", broken), spec, Optional.empty());
        assertThat(e.passed()).isFalse();
        assertThat(gate(e, "candidate-artifact").detail()).contains("NaN", "not a probability");

        ArtifactRef crashing = ref("crashing");
        scorers.put(crashing, rows -> {
            throw new IllegalStateException("shape mismatch");
        });
        assertThat(gate(evaluator.evaluate(trained("c17", crashing), spec, Optional.empty()), "candidate-artifact").detail())
                .contains("shape mismatch");
    }

    @Test
    void anUnreadableDatasetEndsInAFailedVerdict() {
        ModelTrained t = trained("c18", GOOD);
        ModelTrained noData = new ModelTrained(t.eventId(), t.causationId(), t.model(), t.candidateId(), t.datasetId(),
                ref("gone"), null, List.of(), t.specHash(), t.artifact(), Map.of(), 1L, "dev", Map.of(), null, null, NOW);
        ModelEvaluated e = evaluator.evaluate(noData, spec, Optional.empty());
        assertThat(e.passed()).isFalse();
        assertThat(e.gates()).singleElement().extracting(GateResult::gate).isEqualTo("dataset");
        assertThat(e.testRows()).isZero();
        assertThat(e.summary()).contains("dataset: dataset artifact unreadable");
        assertThat(e.report()).isNotNull();
    }

    @Test
    void aDatasetWithoutTestRowsEndsInAFailedVerdict() {
        datasets.put(DATASET, new Dataset("m", "s", List.of(), datasets.get(DATASET).split(Split.TRAIN)));
        ModelEvaluated e = evaluator.evaluate(trained("c19", GOOD), spec, Optional.empty());
        assertThat(e.passed()).isFalse();
        assertThat(e.gates()).singleElement().satisfies(g -> {
            assertThat(g.gate()).isEqualTo("test-split");
            assertThat(g.detail()).contains("has no test rows");
        });
    }

    @Test
    void testRowsOfOneClassFailTheRocAucGatesAndLeaveItOutOfTheMetrics() {
        List<DatasetRow> positivesOnly = datasets.get(DATASET).split(Split.TEST).stream().filter(r -> r.label() == 1).toList();
        datasets.put(DATASET, new Dataset("m", "s", List.of(), positivesOnly));
        ModelEvaluated e = evaluator.evaluate(trained("c20", GOOD), spec, Optional.of(champion(1, POOR)));

        assertThat(e.metrics()).containsEntry("accuracy", 1.0).doesNotContainKey("rocAuc");
        assertThat(e.championMetrics()).doesNotContainKey("rocAuc");
        assertThat(gate(e, "minimum.accuracy").passed()).isTrue();
        assertThat(gate(e, "minimum.rocAuc").passed()).isFalse();
        assertThat(gate(e, "minimum.rocAuc").detail()).contains("undefined on these 50 test rows", "not decidable");
        assertThat(gate(e, "minimum.rocAuc").notDecided()).isTrue();
        assertThat(gate(e, "minimum.accuracy").notDecided()).isFalse();
        assertThat(gate(e, "non-inferiority.rocAuc").passed()).isFalse();
        assertThat(e.passed()).isFalse();
    }

    @Test
    void aSpecWithoutSensitiveAttributesHasNoFairnessGate() {
        ModelSpec plain = spec("", "");
        ModelEvaluated e = evaluator.evaluate(trained("c21", GOOD), plain, Optional.empty());
        assertThat(e.gates()).extracting(GateResult::gate).containsExactly("minimum.accuracy", "minimum.rocAuc",
                "beats-baseline.brier");
        assertThat(e.metrics()).containsOnlyKeys("accuracy", "precision", "recall", "f1", "rocAuc", "prAuc", "logLoss",
                "brier", "ece");
    }

    @Test
    void eventIdsAreDeterministicPerCandidateAndChampionVersion() {
        assertThat(Evaluator.eventId("c", 1)).isEqualTo(Evaluator.eventId("c", 1));
        assertThat(Evaluator.eventId("c", 1)).isNotEqualTo(Evaluator.eventId("c", 2))
                .isNotEqualTo(Evaluator.eventId("c", null)).isNotEqualTo(Evaluator.eventId("d", 1));
    }
}
