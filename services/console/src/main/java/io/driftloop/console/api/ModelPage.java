package io.driftloop.console.api;

import io.driftloop.console.domain.History;
import io.driftloop.console.domain.Timeline;
import io.driftloop.console.messaging.EventLog;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.FeatureDrift;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.TrainingProgress;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's page, at {@code /models/{model}}: its champions in order, each adaptation as a timeline
 * (first drifted window → request → dataset → candidate → verdict → promotion → first served), the
 * drift windows over time (share of drifted features against the threshold, drifted windows marked)
 * with the latest window's statistic per feature, and the training curves of its newest candidates
 * and trials. Server-rendered tables, charts drawn by uPlot from the same data. {@code /models} lists
 * the models.
 */
@Path("/models")
public class ModelPage {

    /** The latest window's figures of one feature. */
    public record FeatureRow(String feature, String test, double statistic, double threshold, Double pValue,
                             boolean drifted) {
    }

    /**
     * Everything the page shows. Drift is of the inference windows; the label windows (prior shift,
     * reported, never a trigger) are counted apart.
     */
    public record Model(String model, List<ModelPromoted> champions, List<Timeline.Episode> episodes,
                        int windows, int driftedWindows, int labelWindows, int shiftedLabelWindows, DriftStats latest,
                        List<FeatureRow> latestFeatures, String driftJson, String curvesJson, List<String> curveIds) {
    }

    static final String LABELS = "labels";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance model(Model model);

        static native TemplateInstance models(List<String> models);
    }

    private final EventLog events;

    public ModelPage(EventLog events) {
        this.events = events;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list() {
        return Templates.models(events.models());
    }

    @GET
    @Path("{model}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@PathParam("model") String model) {
        return Templates.model(model(model));
    }

    /** The page's data; 404 for a model no event names. */
    public Model model(String model) {
        if (!events.models().contains(model)) {
            throw new NotFoundException("no event names model '" + model + "'");
        }
        History history = events.history(model);
        List<ModelPromoted> champions = new ArrayList<>(history.promotions());
        champions.sort(Comparator.comparingInt(ModelPromoted::version).reversed());
        List<DriftStats> all = events.windows(model);
        List<DriftStats> windows = all.stream().filter(w -> !LABELS.equals(w.source())).toList();
        List<DriftStats> labels = all.stream().filter(w -> LABELS.equals(w.source())).toList();
        DriftStats latest = windows.isEmpty() ? null : windows.get(windows.size() - 1);
        List<FeatureRow> features = latest == null || latest.features() == null ? List.of()
                : latest.features().stream().map(ModelPage::row).toList();
        Map<String, List<TrainingProgress>> curves = events.curves(model);
        return new Model(model, champions, Timeline.episodes(model, history), windows.size(),
                (int) windows.stream().filter(DriftStats::drifted).count(), labels.size(),
                (int) labels.stream().filter(DriftStats::drifted).count(), latest, features, driftJson(windows),
                curvesJson(curves), List.copyOf(curves.keySet()));
    }

    private static FeatureRow row(FeatureDrift f) {
        return new FeatureRow(f.feature(), f.test(), f.statistic(), f.threshold(), f.pValue(), f.drifted());
    }

    /** Columns for uPlot: window end (epoch seconds), share drifted, threshold, drifted (1/0). */
    static String driftJson(List<DriftStats> windows) {
        List<Long> at = new ArrayList<>();
        List<Double> share = new ArrayList<>();
        List<Double> threshold = new ArrayList<>();
        List<Integer> drifted = new ArrayList<>();
        for (DriftStats w : windows) {
            Instant t = w.windowEnd() != null ? w.windowEnd() : w.computedAt();
            at.add(t == null ? 0 : t.getEpochSecond());
            share.add(w.shareDrifted());
            threshold.add(w.threshold());
            drifted.add(w.drifted() ? 1 : 0);
        }
        return script(Json.encode(Map.of("at", at, "share", share, "threshold", threshold, "drifted", drifted)));
    }

    /** Per candidate or trial: epochs, training loss, validation loss. */
    static String curvesJson(Map<String, List<TrainingProgress>> curves) {
        Map<String, Object> out = new LinkedHashMap<>();
        curves.forEach((id, epochs) -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("epoch", epochs.stream().map(TrainingProgress::epoch).toList());
            c.put("train", epochs.stream().map(TrainingProgress::trainLoss).toList());
            c.put("validation", epochs.stream().map(TrainingProgress::validationLoss).toList());
            out.put(id, c);
        });
        return script(Json.encode(out));
    }

    /** JSON safe inside a script element: no "</" can close it. */
    static String script(String json) {
        return json.replace("</", "<\\/").replace("<!--", "<\\!--");
    }
}
