package io.driftloop.evaluator.domain;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.artifacts.ArtifactStore;
import io.driftloop.contracts.dataset.Dataset;
import io.driftloop.contracts.dataset.DatasetRow;
import io.driftloop.contracts.dataset.Split;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.GateResult;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.events.Verdict;
import io.driftloop.contracts.spec.AttributeSpec;
import io.driftloop.contracts.spec.FairnessGate;
import io.driftloop.contracts.spec.FeatureSpec;
import io.driftloop.contracts.spec.FeatureType;
import io.driftloop.contracts.spec.GateSpec;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Scores a candidate and the current champion on the same test rows of the candidate's dataset,
 * computes every metric with bootstrap intervals (seeded by the candidate id), holds the candidate
 * to the spec's gates, stores the report (JSON and HTML) in the artifact store and returns the
 * verdict. Always returns a verdict: whatever cannot be read or measured becomes a failing gate
 * that says why (fail closed). Thread-safe when its {@link ArtifactLoader} and store are.
 */
public final class Evaluator {

    /** The summary's words when a model has no champion yet. */
    public static final String NO_CHAMPION = "no champion: non-inferiority/superiority gates not applicable";

    private final ArtifactLoader loader;
    private final ArtifactStore reports;
    private final Clock clock;

    public Evaluator(ArtifactLoader loader, ArtifactStore reports, Clock clock) {
        this.loader = loader;
        this.reports = reports;
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

    /**
     * The verdict on {@code trained} under {@code spec} (the catalog's current spec of the model)
     * against {@code champion}. Never throws on what it measures: an unexpected failure in the
     * statistics, the gates or the report's storage ends in a failed verdict with an
     * {@value Gates#EVALUATION_ERROR} gate naming it.
     */
    public ModelEvaluated evaluate(ModelTrained trained, ModelSpec spec, Optional<ModelPromoted> champion) {
        Integer championVersion = champion.map(ModelPromoted::version).orElse(null);
        Context context;
        ModelSpec s;
        try {
            s = spec.withDefaults();
            context = new Context(trained, championVersion, ModelSpecs.hash(spec), s.gates());
        } catch (RuntimeException e) {
            return verdict(new Context(trained, championVersion, null, null), null,
                    List.of(Gates.evaluationError(e)), 0);
        }
        try {
            return evaluate(context, s, champion);
        } catch (RuntimeException e) {
            return verdict(context, null, List.of(Gates.evaluationError(e)), 0);
        }
    }

    /**
     * The verdict on a candidate of a model no spec is registered for: it cannot be gated, so it
     * fails with a {@value Gates#SPEC} gate saying so.
     */
    public ModelEvaluated withoutSpec(ModelTrained trained, Optional<ModelPromoted> champion) {
        Integer championVersion = champion.map(ModelPromoted::version).orElse(null);
        return verdict(new Context(trained, championVersion, null, null), null, List.of(Gates.unavailable(Gates.SPEC,
                "specRegistered", "no spec registered for model " + trained.model()
                        + " (register it on ct.model.specs.v1)")), 0);
    }

    /** What every verdict names: the candidate, the champion, the spec it was gated by and its resolved gates. */
    private record Context(ModelTrained trained, Integer championVersion, String specHash, GateSpec gates) {
    }

    private ModelEvaluated evaluate(Context context, ModelSpec s, Optional<ModelPromoted> champion) {
        ModelTrained trained = context.trained();
        Integer championVersion = context.championVersion();
        GateSpec gates = s.gates();
        List<String> sensitive = s.sensitiveAttributes().stream().map(AttributeSpec::name).toList();

        Dataset dataset;
        List<DatasetRow> test;
        try {
            dataset = loader.dataset(trained.dataset());
            test = dataset.split(Split.TEST);
        } catch (UnusableArtifactException e) {
            return verdict(context, null, List.of(Gates.unavailable(Gates.DATASET, "datasetReadable", e.getMessage())), 0);
        }
        if (test.isEmpty()) {
            return verdict(context, null, List.of(Gates.undecidable(Gates.TEST_SPLIT, "testRows",
                    "dataset " + trained.datasetId() + " has no test rows")), 0);
        }
        List<Map<String, Object>> features = test.stream().map(DatasetRow::features).toList();
        double[] candidate;
        try {
            candidate = score(loader.scorer(trained.artifact()), features, test);
        } catch (UnusableArtifactException e) {
            return verdict(context, null,
                    List.of(Gates.unavailable(Gates.CANDIDATE_ARTIFACT, "candidateScorable",
                            "candidate " + trained.candidateId() + " cannot be scored: " + e.getMessage())), test.size());
        }
        double[] championScores = null;
        String championFailure = null;
        if (champion.isPresent()) {
            try {
                championScores = score(loader.scorer(champion.get().artifact()), features, test);
            } catch (UnusableArtifactException e) {
                championFailure = e.getMessage();
            }
        }

        EvaluationStatistics stats;
        List<Check> checks;
        try {
            EvaluationData data = new EvaluationData(test.stream().mapToInt(DatasetRow::label).toArray(), candidate,
                    championScores, prior(dataset, test), slices(s, test), sensitiveColumns(sensitive, gates, test),
                    measures(gates), gates.minSliceSize(), gates.minGroupSize());
            stats = Statistics.compute(data, Bootstrap.seedOf(trained.candidateId()),
                    gates.bootstrapResamples(), gates.confidence());
        } catch (RuntimeException e) {
            return verdict(context, null, List.of(Gates.evaluationError(e)), test.size());
        }
        try {
            checks = Gates.evaluate(gates, stats, championVersion, championFailure, sensitive);
        } catch (RuntimeException e) {
            return verdict(context, stats, List.of(Gates.evaluationError(e)), test.size());
        }
        return verdict(context, stats, checks, test.size());
    }

    /** The baseline's constant score: the training split's share of positives (the test split's when it has no training rows). */
    static double prior(Dataset dataset, List<DatasetRow> test) {
        List<DatasetRow> train = dataset.split(Split.TRAIN);
        List<DatasetRow> rows = train.isEmpty() ? test : train;
        return rows.stream().filter(r -> r.label() == 1).count() / (double) rows.size();
    }

    /** Every attribute of the spec and every categorical feature, each value a slice. */
    static List<Column> slices(ModelSpec spec, List<DatasetRow> rows) {
        List<Column> columns = new ArrayList<>();
        for (AttributeSpec a : spec.attributes()) {
            columns.add(column(a.name(), rows, DatasetRow::attributes));
        }
        for (FeatureSpec f : spec.features()) {
            if (f.type() == FeatureType.CATEGORICAL) {
                columns.add(column(f.name(), rows, DatasetRow::features));
            }
        }
        return columns;
    }

    /**
     * The sensitive attributes and, when the spec asks for intersections, every pair of them, named in
     * the spec's attribute order (e.g. {@code gender×region}), as {@link Gates} names their gates.
     */
    static List<Column> sensitiveColumns(List<String> sensitive, GateSpec gates, List<DatasetRow> rows) {
        List<Column> single = sensitive.stream().map(a -> column(a, rows, DatasetRow::attributes)).toList();
        List<Column> columns = new ArrayList<>(single);
        if (Boolean.TRUE.equals(gates.intersections())) {
            for (int i = 0; i < single.size(); i++) {
                for (int j = i + 1; j < single.size(); j++) {
                    columns.add(Column.cross(single.get(i), single.get(j)));
                }
            }
        }
        return columns;
    }

    /** The value {@code name} of every row, read from the row's attributes or features ({@code values}). */
    private static Column column(String name, List<DatasetRow> rows, Function<DatasetRow, Map<String, ?>> values) {
        String[] v = new String[rows.size()];
        for (int i = 0; i < v.length; i++) {
            Map<String, ?> m = values.apply(rows.get(i));
            Object value = m == null ? null : m.get(name);
            v[i] = value == null ? null : value.toString();
        }
        return new Column(name, v);
    }

    private static List<FairnessMeasure> measures(GateSpec gates) {
        List<FairnessMeasure> m = new ArrayList<>(FairnessMeasure.STANDARD);
        for (FairnessGate f : gates.fairness()) {
            m.add(new FairnessMeasure(f.metric(), f.referenceGroup()));
        }
        return m;
    }

    /** Runs a scorer on the rows; a model that fails or returns no valid probabilities is unusable. */
    private static double[] score(Scorer scorer, List<Map<String, Object>> features, List<DatasetRow> rows) {
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
        return p;
    }

    /**
     * The figures as published: every defined quality metric under its wire name, and every
     * sensitive attribute's fairness measures as {@code <measure>.<attribute>} (e.g.
     * {@code demographicParityDifference.gender}, {@code disparateImpactRatio.gender}).
     */
    static Map<String, Double> published(MetricSet metrics, List<AttributeFairness> fairness) {
        Map<String, Double> m = new TreeMap<>(metrics.points());
        for (AttributeFairness af : fairness) {
            for (FairnessMeasure measure : FairnessMeasure.STANDARD) {
                Estimate e = af.get(measure);
                if (e != null && e.value() != null) {
                    m.put(FairnessMeasure.camelName(measure.metric()) + "." + af.attribute(), e.value());
                }
            }
        }
        return m;
    }

    private ModelEvaluated verdict(Context context, EvaluationStatistics stats, List<Check> measured, int testRows) {
        ModelTrained trained = context.trained();
        Integer championVersion = context.championVersion();
        List<Check> checks = measured.isEmpty() ? List.of(Gates.noGateApplicable()) : measured;
        List<String> notes = new ArrayList<>();
        if (championVersion == null) {
            notes.add("first model of " + trained.model() + ", " + NO_CHAMPION);
        } else if (stats != null && stats.champion() == null) {
            notes.add("champion v" + championVersion + " could not be scored; the comparison failed closed");
        }
        String specChange = null;
        if (context.specHash() != null && !context.specHash().equals(trained.specHash())) {
            specChange = "spec changed since training: trained under " + shortHash(trained.specHash())
                    + ", gated by the current spec " + shortHash(context.specHash());
            notes.add("the candidate was trained under spec " + trained.specHash() + "; the model's current spec is "
                    + context.specHash() + ", and its gates are the ones applied here");
        }
        ArtifactRef json = null;
        ArtifactRef html = null;
        EvaluationReport report = report(context, stats, checks, testRows, notes, specChange);
        try {
            json = reports.put(Json.encodeBytes(report), EvaluationReport.JSON_FORMAT);
            html = reports.put(ReportPage.render(report).getBytes(StandardCharsets.UTF_8), EvaluationReport.HTML_FORMAT);
        } catch (RuntimeException e) {
            json = null;
            html = null;
            List<Check> withError = new ArrayList<>(checks);
            withError.add(Gates.evaluationError("the report could not be stored", e));
            report = report(context, stats, withError, testRows, notes, specChange);
        }
        boolean passed = report.passed();
        return new ModelEvaluated(
                eventId(trained.candidateId(), championVersion),
                trained.eventId(),
                trained.model(),
                trained.candidateId(),
                trained.datasetId(),
                championVersion,
                stats == null ? Map.of() : published(stats.candidate(), stats.fairness()),
                stats == null || stats.champion() == null ? null : published(stats.champion(), stats.championFairness()),
                report.gates(),
                passed,
                report.summary(),
                testRows,
                clock.instant(),
                json,
                html,
                report.outcome());
    }

    /**
     * Passed when every gate passed; failed when a gate failed on a figure it measured; otherwise
     * (every gate that did not pass could not be measured on these rows) undecidable.
     */
    static Verdict outcome(List<GateResult> gates) {
        if (gates.stream().allMatch(GateResult::passed)) {
            return Verdict.PASSED;
        }
        return gates.stream().anyMatch(g -> !g.passed() && !g.notDecided()) ? Verdict.FAILED : Verdict.UNDECIDABLE;
    }

    private static EvaluationReport report(Context context, EvaluationStatistics stats, List<Check> checks, int testRows,
                                           List<String> notes, String specChange) {
        ModelTrained trained = context.trained();
        Integer championVersion = context.championVersion();
        List<GateResult> gates = checks.stream().map(Check::result).toList();
        long passedCount = checks.stream().filter(Check::passed).count();
        Verdict outcome = outcome(gates);
        String against = championVersion == null ? " (" + NO_CHAMPION + ")" : " against champion v" + championVersion;
        String shortfalls = checks.stream().filter(c -> !c.passed()).map(Check::shortfall)
                .collect(Collectors.joining("; "));
        long notPassed = checks.size() - passedCount;
        String summary = switch (outcome) {
            case PASSED -> "passed " + passedCount + " of " + checks.size() + " gates"
                    + (championVersion == null ? "; " + NO_CHAMPION : against);
            case FAILED -> "failed " + notPassed + " of " + checks.size() + " gates" + against + ": " + shortfalls;
            case UNDECIDABLE -> "not decidable yet: " + notPassed + " of " + checks.size()
                    + " gates could not be measured on these " + testRows + " test rows" + against + ": " + shortfalls
                    + "; more data is needed, not a better candidate";
        } + (specChange == null ? "" : "; " + specChange);
        boolean passed = outcome == Verdict.PASSED;
        return new EvaluationReport(EvaluationReport.VERSION, trained.model(), trained.candidateId(),
                trained.datasetId(), championVersion, testRows, passed, summary, notes, gates, stats,
                trained.specHash(), context.specHash(), context.gates(), outcome);
    }

    private static String shortHash(String hash) {
        return hash == null ? "none" : hash.length() > 19 ? hash.substring(0, 19) + "…" : hash;
    }
}
