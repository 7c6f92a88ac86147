package io.driftloop.console.api;

import io.driftloop.contracts.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A chart as data, rendered into the page as JSON that {@code charts.js} hands to uPlot: one x column
 * shared by every series (uPlot's aligned data), each series a column of the same length with nulls
 * where it has no value. {@code categories} names the x positions of a categorical axis (x is then
 * 0, 1, 2, …); {@code logY} draws y on a log scale.
 *
 * @param title      the chart's title
 * @param x          the x axis label
 * @param y          the y axis label
 * @param time       whether x is epoch seconds
 * @param logY       whether y is on a log scale
 * @param yRange     [min, max] of y, or null to fit the data
 * @param categories the names of x positions, or null for a numeric axis
 * @param xs         the x column
 * @param series     the series
 */
public record Chart(String title, String x, String y, boolean time, boolean logY, List<Double> yRange,
                    List<String> categories, List<Double> xs, List<Series> series) {

    /** How a series is drawn. */
    public enum Style {
        /** A line. */
        LINE,
        /** A dashed red line: a threshold. */
        THRESHOLD,
        /** Marks only, no line: e.g. the drifted windows. */
        POINTS,
        /** A histogram's bars. */
        BARS,
        /** A histogram's outline, stepped. */
        STEPS
    }

    /** One series: its label, its values (null where it has none) and how it is drawn. */
    public record Series(String label, List<Double> values, Style style) {
    }

    /** A series given as its own (x, y) points, for {@link #xy}. */
    public record Curve(String label, List<double[]> points, Style style) {
    }

    /**
     * A chart of curves each with its own x values (ROC curves of two models, say): the x columns are
     * merged in ascending order and each curve has values only at its own points.
     */
    public static Chart xy(String title, String x, String y, List<Double> yRange, List<Curve> curves) {
        record Point(double x, int curve, double y) {
        }
        List<Point> points = new ArrayList<>();
        for (int c = 0; c < curves.size(); c++) {
            for (double[] p : curves.get(c).points()) {
                points.add(new Point(p[0], c, p[1]));
            }
        }
        points.sort(Comparator.comparingDouble(Point::x));
        List<Double> xs = new ArrayList<>(points.size());
        List<List<Double>> columns = new ArrayList<>();
        curves.forEach(c -> columns.add(new ArrayList<>(points.size())));
        for (Point p : points) {
            xs.add(p.x());
            for (int c = 0; c < curves.size(); c++) {
                columns.get(c).add(c == p.curve() ? p.y() : null);
            }
        }
        List<Series> series = new ArrayList<>();
        for (int c = 0; c < curves.size(); c++) {
            series.add(new Series(curves.get(c).label(), columns.get(c), curves.get(c).style()));
        }
        return new Chart(title, x, y, false, false, yRange, null, xs, series);
    }

    /** A chart over named x positions (histogram bins, groups). */
    public static Chart categorical(String title, String x, String y, List<String> categories, List<Series> series) {
        List<Double> xs = new ArrayList<>(categories.size());
        for (int i = 0; i < categories.size(); i++) {
            xs.add((double) i);
        }
        return new Chart(title, x, y, false, false, null, List.copyOf(categories), xs, series);
    }

    /** Whether the chart has anything to draw. */
    public boolean isEmpty() {
        return xs.isEmpty() || series.stream().allMatch(s -> s.values().stream().allMatch(v -> v == null));
    }

    /** The chart as JSON safe inside a script element. */
    public String json() {
        return script(Json.encode(this));
    }

    /**
     * JSON safe inside a script element: every {@code <} written as {@code \u003c} (still the same
     * JSON), so no {@code </script>} or {@code <!--} in a value can close or confuse the element.
     */
    static String script(String json) {
        return json.replace("<", "\\u003c");
    }
}
