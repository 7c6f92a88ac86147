package io.driftloop.subscriber.dl4j;

import io.driftloop.contracts.model.FeatureEncoding;
import io.driftloop.contracts.model.ModelArtifact;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A binary classifier restored from a {@code dl4j-multilayer} artifact: rows are encoded with the
 * artifact's own {@link FeatureEncoding} (as the trainer encoded them) and the score is P(label = 1),
 * column 1 of the 2-unit softmax. Calls are serialised, because a DL4J network is not safe for
 * concurrent use; one row takes well under a millisecond. Restored by {@link #restore}, the one place
 * that decides whether a network fits its encoding and the task (the evaluator uses it too).
 */
public final class Dl4jModel {

    /** Scores at or above this are predicted as label 1; the evaluator's gates read this constant. */
    public static final double DECISION_THRESHOLD = 0.5;

    private static final int OUTPUT_UNITS = 2;
    private static final int POSITIVE_COLUMN = 1;

    private final String candidateId;
    private final FeatureEncoding encoding;
    /** {@code encoding.width()}, summed once: the encoding is immutable. */
    private final int width;
    private final MultiLayerNetwork network;

    private Dl4jModel(String candidateId, FeatureEncoding encoding, MultiLayerNetwork network) {
        this.candidateId = candidateId;
        this.encoding = encoding;
        this.width = encoding.width();
        this.network = network;
    }

    /**
     * Restores the network of {@code artifact}; throws {@link IllegalArgumentException} when the
     * artifact has no feature encoding, the network cannot be read, its input width differs from the
     * encoding's or it does not have the 2 output units of a binary classifier. The message names the
     * candidate.
     */
    public static Dl4jModel restore(ModelArtifact artifact) {
        FeatureEncoding encoding = artifact.encoding();
        if (encoding == null || encoding.columns() == null) {
            throw new IllegalArgumentException("artifact of " + artifact.candidateId() + " has no feature encoding");
        }
        try {
            io.driftloop.contracts.model.NetworkArchive.requireSafe(artifact.network());
        } catch (IllegalArgumentException unsafe) {
            throw new IllegalArgumentException("the network of " + artifact.candidateId() + " cannot be restored: "
                    + unsafe.getMessage(), unsafe);
        }
        MultiLayerNetwork network;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(artifact.network()), false);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the network of " + artifact.candidateId() + " cannot be restored: " + e, e);
        }
        long inputs = network.layerInputSize(0);
        long outputs = network.layerSize(network.getnLayers() - 1);
        if (inputs != encoding.width()) {
            throw new IllegalArgumentException("the network of " + artifact.candidateId() + " takes " + inputs
                    + " inputs but its feature encoding gives " + encoding.width());
        }
        if (outputs != OUTPUT_UNITS) {
            throw new IllegalArgumentException("the network of " + artifact.candidateId() + " has " + outputs
                    + " output units; a binary classifier has " + OUTPUT_UNITS);
        }
        return new Dl4jModel(artifact.candidateId(), encoding, network);
    }

    public String candidateId() {
        return candidateId;
    }

    /** The encoding the network was trained with: its columns are the features it reads. */
    public FeatureEncoding encoding() {
        return encoding;
    }

    /** P(label = 1) for one row of features, in [0, 1]. */
    public double score(Map<String, Object> features) {
        return scoreAll(List.of(features))[0];
    }

    /** P(label = 1) for each row, in order. */
    public synchronized double[] scoreAll(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return new double[0];
        }
        INDArray x = Nd4j.create(encoding.encodeAll(rows), new long[]{rows.size(), width}, 'c');
        INDArray out = network.output(x);
        double[] p = new double[rows.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = out.getDouble(i, POSITIVE_COLUMN);
        }
        return p;
    }

    /** 1 when {@code score} is at or above {@link #DECISION_THRESHOLD}, else 0. */
    public static int predict(double score) {
        return score >= DECISION_THRESHOLD ? 1 : 0;
    }
}
