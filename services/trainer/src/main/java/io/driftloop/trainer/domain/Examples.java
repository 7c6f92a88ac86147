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

    public int rows() {
        return labels.length;
    }

    public boolean isEmpty() {
        return labels.length == 0;
    }
}
