package io.driftloop.console.api;

import io.driftloop.console.messaging.EventLog;
import io.driftloop.contracts.events.ConceptSignal;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.FeatureDrift;
import io.driftloop.contracts.events.Histogram;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model's drift, at {@code /models/{model}/drift}: the share of drifted features per window, each
 * feature's statistic against its threshold per window with its drifted windows marked, the
 * concept-drift detector's signal over the label windows, and for the latest window each feature's
 * reference distribution beside the window's.
 */
@Path("/models/{model}/drift")
public class DriftPage {

    /** One feature: its statistic over time, and the latest window's figures and distributions. */
    public record Feature(String name, FeatureDrift latest, Chart overTime, int drifted, Chart distribution,
                          List<Bin> bins) {
    }

    /** One bin of the latest window's histogram, for the table beside the chart. */
    public record Bin(String label, double reference, double current) {
    }

    /** Everything the page shows. */
    public record Drift(String model, int windows, int driftedWindows, DriftStats latest, Chart share,
                        List<Feature> features, Chart concept, ConceptSignal latestConcept) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance drift(Drift drift);
    }

    private final EventLog events;

    public DriftPage(EventLog events) {
        this.events = events;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@PathParam("model") String model) {
        return Templates.drift(drift(model));
    }

    /** The page's data; 404 for a model no event names. */
    public Drift drift(String model) {
        if (!events.models().contains(model)) {
            throw new NotFoundException("no event names model '" + model + "'");
        }
        List<DriftStats> windows = events.windows(model);
        List<DriftStats> labels = events.labelWindows(model);
        DriftStats latest = windows.isEmpty() ? null : windows.get(windows.size() - 1);
        List<Feature> features = new ArrayList<>();
        if (latest != null && latest.features() != null) {
            for (FeatureDrift f : latest.features()) {
                features.add(feature(f, windows));
            }
        }
        ConceptSignal latestConcept = labels.stream().map(DriftStats::concept).filter(c -> c != null)
                .reduce((a, b) -> b).orElse(null);
        return new Drift(model, windows.size(), (int) windows.stream().filter(DriftStats::drifted).count(), latest,
                ModelPage.driftChart(windows), features, conceptChart(labels), latestConcept);
    }

    /**
     * One feature over the windows: a distance against its threshold (drifted at or above it), or a
     * test's adjusted p-value against its level on a log scale (drifted below it).
     */
    static Feature feature(FeatureDrift latest, List<DriftStats> windows) {
        boolean pValues = !FeatureDrift.DISTANCE.equals(latest.kind());
        List<Double> at = new ArrayList<>();
        List<Double> value = new ArrayList<>();
        List<Double> threshold = new ArrayList<>();
        List<Double> drifted = new ArrayList<>();
        for (DriftStats w : windows) {
            FeatureDrift f = w.features() == null ? null
                    : w.features().stream().filter(x -> latest.feature().equals(x.feature())).findFirst().orElse(null);
            if (f == null || FeatureDrift.DISTANCE.equals(f.kind()) == pValues) {
                continue;
            }
            Double v = pValues ? (f.adjustedPValue() != null ? f.adjustedPValue() : f.pValue()) : f.statistic();
            if (v == null) {
                continue;
            }
            // a p-value of 0 has no place on a log scale: drawn at the smallest double's neighbourhood
            v = pValues ? Math.max(v, 1e-16) : v;
            at.add((double) ModelPage.end(w).getEpochSecond());
            value.add(v);
            threshold.add(f.threshold());
            drifted.add(f.drifted() ? v : null);
        }
        String label = pValues ? "adjusted p-value (" + latest.test() + ")" : latest.test() + " distance";
        Chart overTime = new Chart(latest.feature() + ": " + label, "window end", pValues ? "p-value" : "distance",
                true, pValues, null, null, at,
                List.of(new Chart.Series(label, value, Chart.Style.LINE),
                        new Chart.Series(pValues ? "level" : "threshold", threshold, Chart.Style.THRESHOLD),
                        new Chart.Series("drifted", drifted, Chart.Style.POINTS)));
        int count = (int) drifted.stream().filter(d -> d != null).count();
        Histogram h = latest.histogram();
        if (!drawable(h)) {
            return new Feature(latest.feature(), latest, overTime, count, null, List.of());
        }
        List<String> names = binNames(h);
        List<Bin> bins = new ArrayList<>();
        for (int i = 0; i < h.bins(); i++) {
            bins.add(new Bin(names.get(i), h.reference().get(i), h.current().get(i)));
        }
        // a numeric bin is labelled on the chart by its lower edge (the table gives its range)
        List<String> labels = h.edges() == null ? names : h.edges().subList(0, h.bins()).stream().map(DriftPage::number).toList();
        Chart distribution = Chart.categorical(latest.feature() + ": reference vs latest window",
                h.edges() != null ? "bins from their lower edge (each ~5 % of the reference)" : "category", "share", labels,
                List.of(new Chart.Series("reference", h.reference(), Chart.Style.BARS),
                        new Chart.Series("latest window", h.current(), Chart.Style.STEPS)));
        return new Feature(latest.feature(), latest, overTime, count, distribution, bins);
    }

    /** Whether a histogram has bins, and a name and a share on both sides for each (an event may be malformed). */
    static boolean drawable(Histogram h) {
        if (h == null || h.bins() == 0 || h.current().size() != h.bins()) {
            return false;
        }
        return h.categories() != null ? h.categories().size() == h.bins()
                : h.edges() != null && h.edges().size() == h.bins() + 1;
    }

    /** A bin's name: its category, or its range of values. */
    static List<String> binNames(Histogram h) {
        if (h.categories() != null) {
            return h.categories().stream().map(c -> c.isEmpty() ? "(missing)" : c).toList();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i + 1 < h.edges().size(); i++) {
            names.add(number(h.edges().get(i)) + "–" + number(h.edges().get(i + 1)));
        }
        return names;
    }

    private static String number(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e5 || a < 1e-2)) {
            return String.format(Locale.ROOT, "%.2g", v);
        }
        return a >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The concept-drift detector over the label windows: its error-rate estimate, statistic and threshold, alarms marked. */
    static Chart conceptChart(List<DriftStats> labels) {
        List<Double> at = new ArrayList<>();
        Map<String, List<Double>> columns = new LinkedHashMap<>();
        for (String c : List.of("error rate", "statistic", "threshold", "alarm")) {
            columns.put(c, new ArrayList<>());
        }
        for (DriftStats w : labels) {
            ConceptSignal c = w.concept();
            if (c == null) {
                continue;
            }
            at.add((double) ModelPage.end(w).getEpochSecond());
            columns.get("error rate").add(c.errorRate());
            columns.get("statistic").add(c.statistic());
            columns.get("threshold").add(c.threshold());
            columns.get("alarm").add(ConceptSignal.DRIFT.equals(c.signal())
                    ? (c.statistic() != null ? c.statistic() : c.errorRate()) : null);
        }
        return new Chart("concept drift: the champion's errors on labelled examples", "label window end", "value", true,
                false, null, null, at,
                List.of(new Chart.Series("error rate", columns.get("error rate"), Chart.Style.LINE),
                        new Chart.Series("detector statistic", columns.get("statistic"), Chart.Style.LINE),
                        new Chart.Series("threshold", columns.get("threshold"), Chart.Style.THRESHOLD),
                        new Chart.Series("alarm", columns.get("alarm"), Chart.Style.POINTS)));
    }
}
