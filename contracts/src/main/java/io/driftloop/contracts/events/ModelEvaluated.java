package io.driftloop.contracts.events;

import static io.driftloop.contracts.InvalidEventException.require;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A candidate and the current champion scored on the same test split, on
 * {@code ct.model.evaluated.v1}. {@code passed} is true only when every gate passed.
 * {@code championVersion} and {@code championMetrics} are absent for a spec's first model.
 * {@code report} is the full evaluation report (JSON: every metric with its interval, per slice, every
 * fairness group, every gate) and {@code reportHtml} the same report as a readable page, both in the
 * artifact store, addressed by SHA-256; absent on events written before reports existed.
 * {@code outcome} tells a failed verdict from one that could not decide (see {@link Verdict}); absent on
 * events written before it existed, where {@link #verdict()} derives it from {@code passed}.
 */
public record ModelEvaluated(
        String eventId,
        String causationId,
        String model,
        String candidateId,
        String datasetId,
        Integer championVersion,
        Map<String, Double> metrics,
        Map<String, Double> championMetrics,
        List<GateResult> gates,
        boolean passed,
        String summary,
        int testRows,
        Instant evaluatedAt,
        ArtifactRef report,
        ArtifactRef reportHtml,
        Verdict outcome) {

    /** An evaluation whose outcome follows from {@code passed}. */
    public ModelEvaluated(String eventId, String causationId, String model, String candidateId, String datasetId,
            Integer championVersion, Map<String, Double> metrics, Map<String, Double> championMetrics,
            List<GateResult> gates, boolean passed, String summary, int testRows, Instant evaluatedAt,
            ArtifactRef report, ArtifactRef reportHtml) {
        this(eventId, causationId, model, candidateId, datasetId, championVersion, metrics, championMetrics, gates,
                passed, summary, testRows, evaluatedAt, report, reportHtml, passed ? Verdict.PASSED : Verdict.FAILED);
    }

    /** The outcome: {@code outcome} when present, else passed or failed as {@code passed} says. */
    public Verdict verdict() {
        return outcome != null ? outcome : passed ? Verdict.PASSED : Verdict.FAILED;
    }

    /** An evaluation without a stored report. */
    public ModelEvaluated(String eventId, String causationId, String model, String candidateId, String datasetId,
            Integer championVersion, Map<String, Double> metrics, Map<String, Double> championMetrics,
            List<GateResult> gates, boolean passed, String summary, int testRows, Instant evaluatedAt) {
        this(eventId, causationId, model, candidateId, datasetId, championVersion, metrics, championMetrics, gates,
                passed, summary, testRows, evaluatedAt, null, null);
    }

    public ModelEvaluated validate() {
        require(eventId, "eventId");
        require(model, "model");
        require(candidateId, "candidateId");
        require(metrics, "metrics");
        require(gates, "gates");
        io.driftloop.contracts.InvalidEventException.check(outcome == null || (outcome == Verdict.PASSED) == passed, "outcome",
                "is " + outcome + " but passed is " + passed);
        return this;
    }
}
