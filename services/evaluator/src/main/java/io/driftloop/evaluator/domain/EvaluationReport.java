package io.driftloop.evaluator.domain;

import io.driftloop.contracts.events.GateResult;
import io.driftloop.contracts.events.Verdict;
import io.driftloop.contracts.spec.GateSpec;
import java.util.List;

/**
 * The full record of one evaluation, stored as JSON ({@value #JSON_FORMAT}) and as a readable page
 * ({@value #HTML_FORMAT}) in the artifact store and referenced from {@code ModelEvaluated}. It holds
 * no time of evaluation, so evaluating the same candidate against the same champion again yields
 * the same bytes (and the same SHA-256).
 *
 * @param statistics every metric with its interval, the champion and baseline comparisons, slices,
 *                   fairness groups, the bootstrap's seed, resamples and confidence, and the ROC,
 *                   precision–recall and calibration curves of the candidate and the champion; null
 *                   when nothing could be measured (see the gates)
 * @param notes      what the reader should know, e.g. that comparative gates did not apply, or that the
 *                   spec changed since the candidate was trained
 * @param specHash   the hash of the spec the candidate was trained under ({@code ModelTrained.specHash})
 * @param gatedBySpecHash the hash of the model's current spec, whose gates were applied (null when
 *                   no spec is registered)
 * @param gateSpec   the gates as applied: the spec's {@code gates} section with every default filled in
 * @param outcome    passed, failed (a gate failed on a measured figure) or undecidable (no gate failed on a
 *                   measured figure, but one could not be measured on these test rows)
 */
public record EvaluationReport(int reportVersion, String model, String candidateId, String datasetId,
                               Integer championVersion, int testRows, boolean passed, String summary,
                               List<String> notes, List<GateResult> gates, EvaluationStatistics statistics,
                               String specHash, String gatedBySpecHash, GateSpec gateSpec, Verdict outcome) {

    public static final String JSON_FORMAT = "driftloop-evaluation-report+json";
    public static final String HTML_FORMAT = "driftloop-evaluation-report+html";
    /** 4: {@code statistics.curves} (ROC, precision–recall and calibration curves) added. */
    public static final int VERSION = 4;

    public EvaluationReport {
        notes = List.copyOf(notes);
        gates = List.copyOf(gates);
    }
}
