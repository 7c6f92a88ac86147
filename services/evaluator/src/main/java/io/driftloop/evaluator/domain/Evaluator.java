package io.driftloop.evaluator.domain;

import io.driftloop.contracts.dataset.Dataset;
import io.driftloop.contracts.dataset.DatasetRow;
import io.driftloop.contracts.dataset.Split;
import io.driftloop.contracts.events.GateResult;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.spec.AttributeSpec;
import io.driftloop.contracts.spec.ModelSpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Scores a candidate and the current champion on the same test rows of the candidate's dataset and
 * holds the candidate to the spec's gates: absolute quality minima, no worse than the champion
 * (when there is one), and demographic parity per sensitive attribute. Always returns a verdict:
 * whatever cannot be read or measured becomes a failing gate that says why (fail closed).
 * Thread-safe when its {@link ArtifactLoader} is.
 */
public final class Evaluator {

    private final ArtifactLoader loader;
    private final int minGroupSize;
    private final Clock clock;

    /**
     * @param minGroupSize groups of a sensitive attribute with fewer test rows are reported but not gated
     */
    public Evaluator(ArtifactLoader loader, int minGroupSize, Clock clock) {
        this.loader = loader;
        this.minGroupSize = minGroupSize;
        this.clock = clock;
    }

    /**
     * The id of the evaluation of {@code candidateId} against champion {@code championVersion}
     * (null: none): the same pair always yields the same id, so a replay is recognisable downstream.
     */
    public static String eventId(String candidateId, Integer championVersion) {
        return UUID.nameUUIDFromBytes(("evaluated:" + candidateId + ":" + (championVersion == null ? "none" : championVersion))
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    public ModelEvaluated evaluate(ModelTrained trained, ModelSpec spec, Optional<ModelPromoted> champion) {
        GatePolicy policy = GatePolicy.of(spec.gates(), minGroupSize);
        List<String> sensitive = spec.sensitiveAttributes().stream().map(AttributeSpec::name).toList();
        Integer championVersion = champion.map(ModelPromoted::version).orElse(null);

        List<DatasetRow> test;
        try {
            Dataset dataset = loader.dataset(trained.dataset());
            test = dataset.split(Split.TEST);
        } catch (UnusableArtifactException e) {
            return verdict(trained, championVersion, null, null,
                    List.of(Gates.unavailable(Gates.DATASET, "datasetReadable", e.getMessage())), 0);
        }
        if (test.isEmpty()) {
            return verdict(trained, championVersion, null, null, List.of(Gates.unavailable(Gates.TEST_SPLIT, "testRows",
                    "dataset " + trained.datasetId() + " has no test rows")), 0);
        }

        Scorecard candidate;
        try {
            candidate = score(loader.scorer(trained.artifact()), test, sensitive, policy);
        } catch (UnusableArtifactException e) {
            return verdict(trained, championVersion, null, null,
                    List.of(Gates.unavailable(Gates.CANDIDATE_ARTIFACT, "candidateScorable",
                            "candidate " + trained.candidateId() + " cannot be scored: " + e.getMessage())), test.size());
        }

        List<Check> checks = new ArrayList<>();
        checks.add(Gates.minAccuracy(candidate, policy.minAccuracy()));
        checks.add(Gates.minRocAuc(candidate, policy.minRocAuc()));
        Scorecard championCard = null;
        if (champion.isPresent()) {
            int version = champion.get().version();
            try {
                championCard = score(loader.scorer(champion.get().artifact()), test, sensitive, policy);
                checks.add(Gates.noWorseThanChampion(Scorecard.ACCURACY, candidate.accuracy(), championCard.accuracy(),
                        version, policy.maxDegradation()));
                checks.add(Gates.noWorseThanChampion(Scorecard.ROC_AUC, candidate.rocAuc(), championCard.rocAuc(),
                        version, policy.maxDegradation()));
            } catch (UnusableArtifactException e) {
                checks.add(Gates.championUnavailable(version, e.getMessage()));
            }
        }
        for (String attribute : sensitive) {
            checks.add(Gates.fairness(candidate.parity().get(attribute), policy.maxDemographicParityDifference()));
        }
        return verdict(trained, championVersion, candidate, championCard, checks, test.size());
    }

    /** Runs a scorer on the rows; a model that fails or returns no valid probabilities is unusable. */
    private static Scorecard score(Scorer scorer, List<DatasetRow> rows, List<String> sensitive, GatePolicy policy) {
        List<Map<String, Object>> features = rows.stream().map(DatasetRow::features).toList();
        double[] p;
        try {
            p = scorer.probabilities(features);
        } catch (UnusableArtifactException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnusableArtifactException("scoring failed: " + e, e);
        }
        if (p == null || p.length != rows.size()) {
            throw new UnusableArtifactException("the model returned " + (p == null ? "nothing" : p.length + " probabilities")
                    + " for " + rows.size() + " rows");
        }
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new UnusableArtifactException("the model returned " + p[i] + " for row " + rows.get(i).requestId()
                        + ", not a probability");
            }
        }
        return Scorecard.of(rows, p, sensitive, policy.minGroupSize());
    }

    private ModelEvaluated verdict(ModelTrained trained, Integer championVersion, Scorecard candidate,
                                   Scorecard champion, List<Check> checks, int testRows) {
        List<GateResult> gates = checks.stream().map(Check::result).toList();
        long passedCount = checks.stream().filter(Check::passed).count();
        boolean passed = passedCount == checks.size();
        String against = championVersion == null
                ? "; first model of " + trained.model() + ": absolute gates only, no champion to compare with"
                : " against champion v" + championVersion;
        String summary = passed
                ? "passed " + passedCount + " of " + checks.size() + " gates" + against
                : "failed " + (checks.size() - passedCount) + " of " + checks.size() + " gates"
                        + (championVersion == null ? " (first model, absolute gates only)" : " against champion v" + championVersion)
                        + ": " + checks.stream().filter(c -> !c.passed()).map(Check::shortfall).collect(Collectors.joining("; "));
        return new ModelEvaluated(
                eventId(trained.candidateId(), championVersion),
                trained.eventId(),
                trained.model(),
                trained.candidateId(),
                trained.datasetId(),
                championVersion,
                candidate == null ? Map.of() : candidate.metrics(),
                champion == null ? null : champion.metrics(),
                gates,
                passed,
                summary,
                testRows,
                clock.instant());
    }
}
