package io.driftloop.console.api;

import io.driftloop.console.domain.History;
import io.driftloop.console.domain.Timeline;
import io.driftloop.console.messaging.EventLog;
import io.driftloop.console.messaging.RegistryModels;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.FeatureDrift;
import io.driftloop.contracts.events.ModelEvaluated;
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
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A model's page, at {@code /models/{model}}: its champions in order, its versions with their stages and
 * the champion history with who made each change (asked of the registry), its verdicts, each adaptation as a timeline
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
                        List<FeatureRow> latestFeatures, Chart drift, Chart curves, Chart newestCurve, List<String> curveIds,
                        List<ModelEvaluated> verdicts, RegistryModels.Models registry, Map<String, String> evaluationOf) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance model(Model model);

        static native TemplateInstance models(List<String> models);
    }

    private final EventLog events;
    private final RegistryModels registry;

    public ModelPage(EventLog events, RegistryModels registry) {
        this.events = events;
        this.registry = registry;
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
        List<DriftStats> windows = events.windows(model);
        List<DriftStats> labels = events.labelWindows(model);
        DriftStats latest = windows.isEmpty() ? null : windows.get(windows.size() - 1);
        List<FeatureRow> features = latest == null || latest.features() == null ? List.of()
                : latest.features().stream().map(ModelPage::row).toList();
        Map<String, List<TrainingProgress>> curves = events.curves(model);
        List<ModelEvaluated> verdicts = new ArrayList<>(history.verdicts());
        Map<String, String> evaluationOf = new HashMap<>();
        verdicts.forEach(v -> evaluationOf.put(v.candidateId(), v.eventId()));
        Collections.reverse(verdicts);
        return new Model(model, champions, Timeline.episodes(model, history), windows.size(),
                (int) windows.stream().filter(DriftStats::drifted).count(), labels.size(),
                (int) labels.stream().filter(DriftStats::drifted).count(), latest, features, driftChart(windows),
                curvesChart(curves), newestCurve(curves), List.copyOf(curves.keySet()), verdicts, registry.of(model),
                evaluationOf);
    }

    private static FeatureRow row(FeatureDrift f) {
        return new FeatureRow(f.feature(), f.test(), f.statistic(), f.threshold(), f.pValue(), f.drifted());
    }

    /** The share of drifted features per window against the threshold, drifted windows marked. */
    static Chart driftChart(List<DriftStats> windows) {
        List<Double> at = new ArrayList<>();
        List<Double> share = new ArrayList<>();
        List<Double> threshold = new ArrayList<>();
        List<Double> drifted = new ArrayList<>();
        for (DriftStats w : windows) {
            at.add((double) end(w).getEpochSecond());
            share.add(w.shareDrifted());
            threshold.add(w.threshold());
            drifted.add(w.drifted() ? w.shareDrifted() : null);
        }
        return new Chart("share of drifted features per window", "window end", "share", true, false, List.of(0.0, 1.0),
                null, at, List.of(new Chart.Series("share drifted", share, Chart.Style.LINE),
                        new Chart.Series("threshold", threshold, Chart.Style.THRESHOLD),
                        new Chart.Series("drifted window", drifted, Chart.Style.POINTS)));
    }

    /** Training and validation loss per epoch of the candidate or trial that reported last. */
    static Chart newestCurve(Map<String, List<TrainingProgress>> curves) {
        List<TrainingProgress> newest = curves.values().stream()
                .max(Comparator.comparing(c -> c.get(c.size() - 1).at(), Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElse(List.of());
        List<Double> epochs = newest.stream().map(p -> (double) p.epoch()).toList();
        String id = newest.isEmpty() ? "" : label(newest.get(0).candidateId());
        return new Chart("the newest, " + id + ": training vs validation loss",
                "epoch", "loss", false, false, null, null, epochs,
                List.of(new Chart.Series("training loss", newest.stream().map(TrainingProgress::trainLoss).toList(),
                                Chart.Style.LINE),
                        new Chart.Series("validation loss", newest.stream().map(TrainingProgress::validationLoss).toList(),
                                Chart.Style.LINE)));
    }

    /** A candidate's id as a chart labels it: the first 8 characters of its digest. */
    static String label(String candidateId) {
        String bare = candidateId.replace("sha256:", "");
        return bare.substring(0, Math.min(8, bare.length()));
    }

    /** When a window ended (when it was computed, for windows without an end). */
    static Instant end(DriftStats w) {
        Instant t = w.windowEnd() != null ? w.windowEnd() : w.computedAt();
        return t == null ? Instant.EPOCH : t;
    }

    /** Validation loss per epoch, one series per candidate or trial. */
    static Chart curvesChart(Map<String, List<TrainingProgress>> curves) {
        int maxEpoch = curves.values().stream().flatMap(List::stream).mapToInt(TrainingProgress::epoch).max().orElse(0);
        List<Double> epochs = new ArrayList<>();
        for (int e = 1; e <= maxEpoch; e++) {
            epochs.add((double) e);
        }
        List<Chart.Series> series = new ArrayList<>();
        curves.forEach((id, progress) -> {
            Double[] loss = new Double[maxEpoch];
            progress.stream().filter(p -> p.epoch() >= 1).forEach(p -> loss[p.epoch() - 1] = p.validationLoss());
            series.add(new Chart.Series(label(id),
                    Arrays.asList(loss), Chart.Style.LINE));
        });
        return new Chart("validation loss per epoch", "epoch", "loss", false, false, null, null, epochs, series);
    }

}
