package io.driftloop.contracts.model;

import io.driftloop.contracts.spec.FeatureSpec;
import io.driftloop.contracts.spec.ModelSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How a row of features becomes the network's input vector; stored in every model artifact so a
 * scorer encodes exactly as the trainer did. Numeric features are standardised with the training
 * mean and standard deviation (a missing or non-numeric value becomes the mean); categorical ones
 * are one-hot over the spec's values (an unseen value is all zeros). Immutable.
 */
public record FeatureEncoding(List<Column> columns) {

    /** One feature: numeric columns use {@code mean}/{@code std}, categorical ones {@code values}. */
    public record Column(String name, boolean numeric, double mean, double std, List<String> values) {

        int width() {
            return numeric ? 1 : values.size();
        }
    }

    /** Learns means and standard deviations from the given (training) rows' features. */
    public static FeatureEncoding fit(ModelSpec spec, Collection<Map<String, Object>> rows) {
        List<Column> columns = new ArrayList<>();
        for (FeatureSpec f : spec.features()) {
            if (!f.numeric()) {
                columns.add(new Column(f.name(), false, 0, 1, f.values()));
                continue;
            }
            double sum = 0;
            double sumSq = 0;
            long n = 0;
            for (Map<String, Object> row : rows) {
                if (row.get(f.name()) instanceof Number x) {
                    double v = x.doubleValue();
                    sum += v;
                    sumSq += v * v;
                    n++;
                }
            }
            double mean = n == 0 ? 0 : sum / n;
            double var = n < 2 ? 0 : (sumSq - n * mean * mean) / (n - 1);
            double std = var > 1e-12 ? Math.sqrt(var) : 1;
            columns.add(new Column(f.name(), true, mean, std, List.of()));
        }
        return new FeatureEncoding(List.copyOf(columns));
    }

    /** Length of the encoded vector. */
    public int width() {
        return columns.stream().mapToInt(Column::width).sum();
    }

    /** Encodes one row of features into {@code out} starting at {@code offset}. */
    public void encode(Map<String, Object> features, float[] out, int offset) {
        int i = offset;
        for (Column c : columns) {
            Object value = features.get(c.name());
            if (c.numeric()) {
                double v = value instanceof Number x ? x.doubleValue() : c.mean();
                out[i++] = (float) ((v - c.mean()) / c.std());
            } else {
                int hit = value == null ? -1 : c.values().indexOf(value.toString());
                for (int k = 0; k < c.values().size(); k++) {
                    out[i++] = k == hit ? 1f : 0f;
                }
            }
        }
    }

    /** Encodes rows into one row-major matrix of {@code rows.size() × width()}. */
    public float[] encodeAll(List<Map<String, Object>> rows) {
        int width = width();
        float[] out = new float[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) {
            encode(rows.get(r), out, r * width);
        }
        return out;
    }
}
