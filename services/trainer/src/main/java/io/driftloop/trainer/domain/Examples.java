package io.driftloop.trainer.domain;

import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.dataset.DatasetRow;
import io.driftloop.contracts.model.FeatureEncoding;
import java.util.List;

/**
 * Encoded rows ready for a learner: a row-major {@code rows × width} matrix of features and a
 * binary label (0 or 1) per row. The arrays are owned by this record; do not change them.
 */
public record Examples(float[] features, int[] labels, int width) {

    public Examples {
        if (width < 1 || features.length != labels.length * width) {
            throw new IllegalArgumentException("features must hold " + labels.length + " rows of width " + width
                    + ", held " + features.length + " values");
        }
    }

    /** Encodes dataset rows with {@code encoding}; a label other than 0 or 1 makes the dataset invalid. */
    public static Examples encode(FeatureEncoding encoding, List<DatasetRow> rows) {
        int[] labels = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            int label = rows.get(i).label();
            if (label != 0 && label != 1) {
                throw new InvalidEventException("row " + rows.get(i).requestId() + " has label " + label
                        + ": binary classification needs 0 or 1");
            }
            labels[i] = label;
        }
        return new Examples(encoding.encodeAll(rows.stream().map(DatasetRow::features).toList()), labels, encoding.width());
    }

    public int rows() {
        return labels.length;
    }

    public boolean isEmpty() {
        return labels.length == 0;
    }
}
