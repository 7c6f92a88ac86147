package io.driftloop.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftloop.console.artifacts.Reports;
import io.driftloop.console.messaging.EventLog;
import io.driftloop.contracts.events.ModelEvaluated;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * One evaluation, at {@code /models/{model}/evaluations/{evaluationId}}: the verdict and every gate
 * with its interval (from the {@code ct.model.evaluated.v1} event), and from the evaluator's report in
 * the artifact store every metric of the candidate and the champion with its interval, the ROC,
 * precision–recall and calibration curves of both, and the rates of each sensitive group.
 * {@code …/report.html} serves the evaluator's own page of the report, sandboxed.
 */
@Path("/models/{model}/evaluations/{evaluation}")
public class EvaluationPage {

    /** A figure with its interval; any part may be absent. */
    @TemplateData
    public record Estimate(Double value, Double lower, Double upper) {

        static Estimate of(JsonNode n) {
            if (n == null || n.isNull()) {
                return null;
            }
            return new Estimate(number(n.get("value")), number(n.get("lower")), number(n.get("upper")));
        }
    }

    /** One metric: the candidate, the champion and their paired difference. */
    public record MetricRow(String metric, Estimate candidate, Estimate champion, Estimate versusChampion,
                            Estimate baseline) {
    }

    /** One group of a sensitive attribute. */
    public record GroupRow(String group, int rows, boolean gated, Double selectionRate, Double truePositiveRate,
                           Double falsePositiveRate) {
    }

    /** One sensitive attribute: its groups, its measures with intervals, and a chart of the groups' rates. */
    public record Fairness(String attribute, int minGroupSize, List<GroupRow> groups, List<MetricRow> measures,
                           Chart rates) {
    }

    /** Everything the page shows; the report's parts are empty when {@code reportProblem} says why. */
    public record Evaluation(String model, ModelEvaluated verdict, String reportProblem, List<String> notes,
                             Double confidence, Integer resamples, List<MetricRow> metrics, List<Fairness> fairness,
                             Chart roc, Chart precisionRecall, Chart calibration, boolean curves) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance evaluation(Evaluation evaluation);
    }

    private final EventLog events;
    private final Reports reports;

    public EvaluationPage(EventLog events, Reports reports) {
        this.events = events;
        this.reports = reports;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@PathParam("model") String model, @PathParam("evaluation") String evaluation) {
        return Templates.evaluation(evaluation(model, evaluation));
    }

    /** The evaluator's own HTML page of the report, sandboxed: it runs no script and reaches nothing. */
    @GET
    @Path("report.html")
    @Produces(MediaType.TEXT_HTML)
    public Response html(@PathParam("model") String model, @PathParam("evaluation") String evaluation) {
        ModelEvaluated e = find(model, evaluation);
        Reports.Read<byte[]> page = reports.html(e.reportHtml());
        if (!page.present()) {
            throw new NotFoundException(page.problem());
        }
        return Response.ok(page.report(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'")
                .build();
    }

    /** The page's data; 404 for an evaluation no event of the model names. */
    public Evaluation evaluation(String model, String evaluation) {
        ModelEvaluated e = find(model, evaluation);
        Reports.Read<JsonNode> read = reports.json(e.report());
        if (!read.present()) {
            return new Evaluation(model, e, read.problem(), List.of(), null, null, List.of(), List.of(), null, null,
                    null, false);
        }
        JsonNode report = read.report();
        JsonNode stats = report.path("statistics");
        List<String> notes = new ArrayList<>();
        report.path("notes").forEach(n -> notes.add(n.asText()));
        List<MetricRow> metrics = new ArrayList<>();
        stats.path("candidate").path("metrics").fieldNames().forEachRemaining(name -> metrics.add(new MetricRow(name,
                Estimate.of(stats.path("candidate").path("metrics").get(name)),
                Estimate.of(stats.path("champion").path("metrics").get(name)),
                Estimate.of(stats.path("versusChampion").get(name)),
                Estimate.of(stats.path("baseline").path("metrics").get(name)))));
        List<Fairness> fairness = new ArrayList<>();
        stats.path("fairness").forEach(f -> fairness.add(fairness(f)));
        JsonNode curves = stats.path("curves");
        boolean hasCurves = curves.has("candidate") && !curves.get("candidate").isNull();
        return new Evaluation(model, e, null, notes, number(stats.get("confidence")),
                stats.has("resamples") ? stats.get("resamples").asInt() : null, metrics, fairness,
                curve("ROC curve", "false positive rate", "true positive rate", curves, "roc", "fpr", "tpr", true),
                curve("precision–recall curve", "recall", "precision", curves, "precisionRecall", "recall", "precision",
                        false),
                curve("calibration", "mean predicted probability", "observed rate of positives", curves, "calibration",
                        "meanScore", "observedRate", true),
                hasCurves);
    }

    private ModelEvaluated find(String model, String evaluation) {
        return events.history(model).verdicts().stream().filter(v -> evaluation.equals(v.eventId())).findFirst()
                .orElseThrow(() -> new NotFoundException("model '" + model + "' has no evaluation '" + evaluation + "'"));
    }

    /** The candidate's and the champion's curve of one kind, with the chance (or perfect calibration) diagonal. */
    private static Chart curve(String title, String x, String y, JsonNode curves, String kind, String xField,
                               String yField, boolean diagonal) {
        List<Chart.Curve> lines = new ArrayList<>();
        for (String who : List.of("candidate", "champion")) {
            JsonNode points = curves.path(who).path(kind);
            if (points.isArray() && !points.isEmpty()) {
                List<double[]> xy = new ArrayList<>();
                points.forEach(p -> xy.add(new double[] {p.path(xField).asDouble(), p.path(yField).asDouble()}));
                lines.add(new Chart.Curve(who, xy, Chart.Style.LINE));
            }
        }
        if (diagonal && !lines.isEmpty()) {
            lines.add(new Chart.Curve("calibration".equals(kind) ? "perfectly calibrated" : "chance",
                    List.of(new double[] {0, 0}, new double[] {1, 1}), Chart.Style.THRESHOLD));
        }
        return Chart.xy(title, x, y, List.of(0.0, 1.0), lines);
    }

    private static Fairness fairness(JsonNode f) {
        List<GroupRow> groups = new ArrayList<>();
        f.path("groups").forEach(g -> groups.add(new GroupRow(g.path("group").asText(), g.path("rows").asInt(),
                g.path("gated").asBoolean(), number(g.get("selectionRate")), number(g.get("truePositiveRate")),
                number(g.get("falsePositiveRate")))));
        List<MetricRow> measures = new ArrayList<>();
        f.path("measures").fieldNames().forEachRemaining(name -> measures.add(
                new MetricRow(name, Estimate.of(f.path("measures").get(name)), null, null, null)));
        Chart rates = Chart.categorical("rates per group of " + f.path("attribute").asText(), "group", "rate",
                groups.stream().map(g -> g.group() + " (" + g.rows() + ")").toList(),
                List.of(new Chart.Series("selection rate", groups.stream().map(GroupRow::selectionRate).toList(),
                                Chart.Style.POINTS),
                        new Chart.Series("true positive rate", groups.stream().map(GroupRow::truePositiveRate).toList(),
                                Chart.Style.POINTS),
                        new Chart.Series("false positive rate", groups.stream().map(GroupRow::falsePositiveRate).toList(),
                                Chart.Style.POINTS)));
        return new Fairness(f.path("attribute").asText(), f.path("minGroupSize").asInt(), groups, measures, rates);
    }

    private static Double number(JsonNode n) {
        return n == null || n.isNull() || !n.isNumber() ? null : n.asDouble();
    }
}
