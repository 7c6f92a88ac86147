package io.driftloop.evaluator.domain;

import io.driftloop.contracts.events.GateResult;
import io.driftloop.contracts.spec.QualityMetric;
import java.util.Locale;
import java.util.Map;

/**
 * An {@link EvaluationReport} as one self-contained HTML page (inline style, no scripts, no
 * external assets) for a reviewer who signs off a model: verdict, every gate with its reasoning,
 * metrics with intervals against champion and baseline, calibration bins, fairness groups, slices,
 * and how the intervals were drawn.
 */
public final class ReportPage {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2em auto;max-width:1100px;\
            color:#1d2330;padding:0 1em}h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccd}\
            table{border-collapse:collapse;margin:.5em 0;font-size:.92em}th,td{border:1px solid #ccd;padding:.3em .6em;\
            text-align:left;vertical-align:top}th{background:#eef0f5}td.n{text-align:right;font-variant-numeric:tabular-nums}\
            .pass{color:#136c2e;font-weight:600}.fail{color:#a4161a;font-weight:600}.verdict{font-size:1.2em;padding:.6em 1em;\
            border-radius:4px;display:inline-block}.verdict.pass{background:#e3f4e8}.verdict.fail{background:#fbe4e4}\
            .muted{color:#667}code{background:#f3f4f8;padding:0 .2em}""";

    private ReportPage() {
    }

    public static String render(EvaluationReport r) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Evaluation of ")
                .append(esc(r.model())).append(" candidate ").append(esc(shortId(r.candidateId()))).append("</title><style>")
                .append(STYLE).append("</style></head><body>\n");
        h.append("<h1>Evaluation of <code>").append(esc(r.model())).append("</code> candidate <code>")
                .append(esc(r.candidateId())).append("</code></h1>\n");
        h.append("<p class=\"verdict ").append(r.passed() ? "pass" : "fail").append("\">")
                .append(r.passed() ? "PASSED" : "FAILED").append(" — ").append(esc(r.summary())).append("</p>\n");
        h.append("<table><tr><th>dataset</th><td><code>").append(esc(r.datasetId())).append("</code></td></tr>")
                .append("<tr><th>champion</th><td>").append(r.championVersion() == null ? "none" : "v" + r.championVersion())
                .append("</td></tr><tr><th>test rows</th><td class=\"n\">").append(r.testRows()).append("</td></tr>");
        h.append("<tr><th>trained under spec</th><td><code>").append(esc(String.valueOf(r.specHash())))
                .append("</code></td></tr><tr><th>gated by spec</th><td><code>")
                .append(esc(String.valueOf(r.gatedBySpecHash()))).append("</code></td></tr>");
        EvaluationStatistics s = r.statistics();
        if (s != null) {
            h.append("<tr><th>intervals</th><td>").append(Gates.percent(s.confidence()))
                    .append(" bootstrap percentile, ").append(s.resamples()).append(" resamples, seed <code>")
                    .append(Long.toUnsignedString(s.seed())).append("</code></td></tr>");
        }
        h.append("</table>\n");
        for (String note : r.notes()) {
            h.append("<p class=\"muted\">").append(esc(note)).append("</p>\n");
        }

        h.append("<h2>Gates</h2>\n<table><tr><th>gate</th><th>kind</th><th>value</th><th>interval</th><th>threshold</th>")
                .append("<th>p-value</th><th>result</th><th>why</th></tr>\n");
        for (GateResult g : r.gates()) {
            h.append("<tr><td><code>").append(esc(g.gate())).append("</code></td><td>").append(esc(g.kind()))
                    .append("</td><td class=\"n\">").append(num(g.value())).append("</td><td class=\"n\">")
                    .append(g.lower() == null ? "" : num(g.lower()) + " – " + num(g.upper())).append("</td><td class=\"n\">")
                    .append(num(g.threshold())).append("</td><td class=\"n\">")
                    .append(g.pValue() == null ? "" : String.format(Locale.ROOT, "%.4g", g.pValue())).append("</td><td class=\"")
                    .append(g.passed() ? "pass\">pass" : "fail\">FAIL").append("</td><td>").append(esc(g.detail()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (s == null) {
            return h.append("</body></html>\n").toString();
        }

        h.append("<h2>Metrics</h2>\n<table><tr><th>metric</th><th>candidate</th><th>interval</th>");
        if (s.champion() != null) {
            h.append("<th>champion</th><th>candidate − champion</th><th>paired interval</th>");
        }
        h.append("<th>baseline</th><th>candidate − baseline</th></tr>\n");
        for (QualityMetric m : QualityMetric.values()) {
            Estimate c = s.candidate().get(m);
            h.append("<tr><td>").append(m.wireName()).append(m.higherIsBetter() ? "" : " <span class=\"muted\">(lower is better)</span>")
                    .append("</td><td class=\"n\">").append(num(c.value())).append("</td><td class=\"n\">").append(range(c))
                    .append("</td>");
            if (s.champion() != null) {
                Estimate d = s.versusChampion().get(m.wireName());
                h.append("<td class=\"n\">").append(num(s.champion().get(m).value())).append("</td><td class=\"n\">")
                        .append(num(d.value())).append("</td><td class=\"n\">").append(range(d)).append("</td>");
            }
            h.append("<td class=\"n\">").append(num(s.baseline().get(m).value())).append("</td><td class=\"n\">")
                    .append(num(s.versusBaseline().get(m.wireName()).value())).append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"muted\">Baseline: the majority class of the training split for accuracy, precision, ")
                .append("recall and F1; the constant score ").append(num(s.prior()))
                .append(" (the training split's share of positives) for the others.</p>\n");
        ConfusionMatrix cm = s.candidate().confusion();
        h.append("<h3>Confusion matrix (candidate, threshold 0.5)</h3><table><tr><th></th><th>predicted 0</th>")
                .append("<th>predicted 1</th></tr><tr><th>label 0</th><td class=\"n\">").append(cm.tn())
                .append("</td><td class=\"n\">").append(cm.fp()).append("</td></tr><tr><th>label 1</th><td class=\"n\">")
                .append(cm.fn()).append("</td><td class=\"n\">").append(cm.tp()).append("</td></tr></table>\n");
        if (s.mcnemar() != null) {
            h.append("<p>").append(esc(s.mcnemar().describe())).append(".</p>\n");
        }
        if (s.curves() != null) {
            calibration(h, "candidate", s.curves().candidate());
            calibration(h, "champion", s.curves().champion());
        }

        h.append("<h2>Fairness</h2>\n");
        if (s.fairness().isEmpty()) {
            h.append("<p class=\"muted\">The spec names no sensitive attribute.</p>\n");
        }
        for (AttributeFairness f : s.fairness()) {
            h.append("<h3>").append(esc(f.attribute())).append("</h3><table><tr><th>group</th><th>rows</th><th>gated</th>")
                    .append("<th>positives</th><th>predicted positive</th><th>selection rate</th><th>true-positive rate</th>")
                    .append("<th>false-positive rate</th></tr>\n");
            for (GroupRates g : f.groups()) {
                h.append("<tr><td>").append(esc(g.group())).append("</td><td class=\"n\">").append(g.rows())
                        .append("</td><td>").append(g.gated() ? "yes" : "no (fewer than " + f.minGroupSize() + " rows)")
                        .append("</td><td class=\"n\">").append(g.positives()).append("</td><td class=\"n\">")
                        .append(g.predictedPositive()).append("</td><td class=\"n\">").append(num(g.selectionRate()))
                        .append("</td><td class=\"n\">").append(num(g.truePositiveRate())).append("</td><td class=\"n\">")
                        .append(num(g.falsePositiveRate())).append("</td></tr>\n");
            }
            h.append("</table><table><tr><th>measure</th><th>value</th><th>interval</th></tr>\n");
            for (Map.Entry<String, Estimate> e : f.measures().entrySet()) {
                h.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"n\">").append(num(e.getValue().value()))
                        .append("</td><td class=\"n\">").append(range(e.getValue())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Slices</h2>\n<table><tr><th>slice</th><th>rows</th>");
        QualityMetric[] shown = {QualityMetric.ACCURACY, QualityMetric.ROC_AUC, QualityMetric.F1, QualityMetric.LOG_LOSS,
                QualityMetric.ECE};
        for (QualityMetric m : shown) {
            h.append("<th>").append(m.wireName()).append("</th>");
        }
        h.append("</tr>\n");
        for (Slice slice : s.slices()) {
            h.append("<tr><td>").append(esc(slice.dimension())).append(" = ").append(esc(slice.value()))
                    .append("</td><td class=\"n\">").append(slice.rows()).append("</td>");
            for (QualityMetric m : shown) {
                h.append("<td class=\"n\">");
                if (slice.metrics() == null) {
                    h.append("<span class=\"muted\">too few rows</span>");
                } else {
                    Estimate e = slice.metrics().get(m);
                    h.append(num(e.value())).append(e.lower() == null ? "" : " <span class=\"muted\">(" + range(e) + ")</span>");
                }
                h.append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    /** The model's calibration bins as a table: what share of the rows in each score bin were positive. */
    private static void calibration(StringBuilder h, String model, Curves.ModelCurves curves) {
        if (curves == null) {
            return;
        }
        h.append("<h3>Calibration (").append(model).append(")</h3><table><tr><th>score bin</th><th>rows</th>")
                .append("<th>mean score</th><th>observed rate</th></tr>\n");
        for (Curves.CalibrationBin b : curves.calibration()) {
            h.append("<tr><td>").append(String.format(Locale.ROOT, "%.1f – %.1f", b.lower(), b.upper()))
                    .append("</td><td class=\"n\">").append(b.rows()).append("</td><td class=\"n\">")
                    .append(num(b.meanScore())).append("</td><td class=\"n\">").append(num(b.observedRate()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String range(Estimate e) {
        return e.lower() == null ? "" : num(e.lower()) + " – " + num(e.upper());
    }

    private static String num(Double v) {
        return v == null ? "—" : v >= FairnessMeasure.INFINITE_RATIO ? "+∞" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String shortId(String id) {
        return id == null ? "" : id.length() > 19 ? id.substring(0, 19) : id;
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
