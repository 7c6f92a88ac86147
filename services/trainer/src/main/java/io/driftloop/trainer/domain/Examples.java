package io.driftloop.trainer.domain;

import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.dataset.DatasetRow;
import io.driftloop.contracts.model.FeatureEncoding;
import java.util.List;

/**
 * Encoded rows ready for a learner: a row-major {@code rows × width} matrix of features, a binary
 * label (0 or 1) per row and, for a weighted dataset, a positive weight per row in the losses (null:
 * every row weighs 1). The arrays are owned by this record; do not change them.
 */
public record Examples(float[] features, int[] labels, int width, float[] weights) {

    public Examples {
        if (width < 1 || features.length != labels.length * width) {
            throw new IllegalArgumentException("features must hold " + labels.length + " rows of width " + width
                    + ", held " + features.length + " values");
        }
        if (weights != null && weights.length != labels.length) {
            throw new IllegalArgumentException("weights must hold one value per row (" + labels.length + "), held "
                    + weights.length);
        }
    }

    /** Unweighted rows. */
    public Examples(float[] features, int[] labels, int width) {
        this(features, labels, width, null);
    }

    /** Encodes dataset rows with {@code encoding}; a label other than 0 or 1 makes the dataset invalid. */
    public static Examples encode(FeatureEncoding encoding, List<DatasetRow> rows) {
        int[] labels = new int[rows.size()];
        boolean weighted = rows.stream().anyMatch(r -> r.weight() != null);
        float[] weights = weighted ? new float[rows.size()] : null;
        for (int i = 0; i < rows.size(); i++) {
            if (weighted) {
                double w = rows.get(i).weightOrOne();
                if (!(w > 0 && w <= 1e6)) {
                    throw new InvalidEventException("row " + rows.get(i).requestId() + " has weight " + w
                            + ": a weight must be positive and finite");
                }
                weights[i] = (float) w;
            }
            int label = rows.get(i).label();
            if (label != 0 && label != 1) {
                throw new InvalidEventException("row " + rows.get(i).requestId() + " has label " + label
                        + ": binary classification needs 0 or 1");
            }
            labels[i] = label;
        }
        return new Examples(encoding.encodeAll(rows.stream().map(DatasetRow::features).toList()), labels,
                encoding.width(), weights);
    }

    /** The rows of {@code this} then those of {@code other} (same width); weights 1 where one side has none. */
    public Examples concat(Examples other) {
        if (other.width != width) {
            throw new IllegalArgumentException("width " + other.width + " differs from " + width);
        }
        float[] x = java.util.Arrays.copyOf(features, features.length + other.features.length);
        System.arraycopy(other.features, 0, x, features.length, other.features.length);
        int[] y = java.util.Arrays.copyOf(labels, labels.length + other.labels.length);
        System.arraycopy(other.labels, 0, y, labels.length, other.labels.length);
        float[] w = null;
        if (weights != null || other.weights != null) {
            w = new float[y.length];
            for (int i = 0; i < y.length; i++) {
                w[i] = i < labels.length ? weightOf(i) : other.weightOf(i - labels.length);
            }
        }
        return new Examples(x, y, width, w);
    }

    /** The rows listed, in that order. */
    public Examples select(int[] rows) {
        float[] x = new float[rows.length * width];
        int[] y = new int[rows.length];
        float[] w = weights == null ? null : new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(features, rows[i] * width, x, i * width, width);
            y[i] = labels[rows[i]];
            if (w != null) {
                w[i] = weights[rows[i]];
            }
        }
        return new Examples(x, y, width, w);
    }

    /**
     * Inverse class frequency of these rows, {@code rows / (2 · rows of the class)} per label (1 for a
     * label that does not occur), as scikit-learn's {@code class_weight="balanced"}.
     */
    public float[] balancedClassWeights() {
        int positives = 0;
        for (int label : labels) {
            positives += label;
        }
        int[] counts = {labels.length - positives, positives};
        float[] classWeights = new float[2];
        for (int c = 0; c < 2; c++) {
            classWeights[c] = counts[c] == 0 ? 1f : (float) (labels.length / (2.0 * counts[c]));
        }
        return classWeights;
    }

    /** These rows with each weight multiplied by its label's {@code classWeights} entry. */
    public Examples weightedByClass(float[] classWeights) {
        float[] w = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            w[i] = weightOf(i) * classWeights[labels[i]];
        }
        return new Examples(features, labels, width, w);
    }

    /** The weight of row {@code i} in the losses (1 when unweighted). */
    public float weightOf(int i) {
        return weights == null ? 1f : weights[i];
    }

    public int rows() {
        return labels.length;
    }

    public boolean isEmpty() {
        return labels.length == 0;
    }
}
