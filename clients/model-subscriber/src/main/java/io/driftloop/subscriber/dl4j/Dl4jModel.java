package io.driftloop.subscriber.dl4j;

import io.driftloop.contracts.model.FeatureEncoding;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A binary classifier restored from a {@code dl4j-multilayer} artifact: rows are encoded with the
 * artifact's own {@link FeatureEncoding} (as the trainer encoded them) and the score is P(label = 1),
 * column 1 of the 2-unit softmax. Calls are serialised, because a DL4J network is not safe for
 * concurrent use; one row takes well under a millisecond.
 */
public final class Dl4jModel {

    /** Scores at or above this are predicted as label 1 (the evaluator's threshold too). */
    public static final double DECISION_THRESHOLD = 0.5;

    private static final int POSITIVE_COLUMN = 1;

    private final String candidateId;
    private final FeatureEncoding encoding;
    /** {@code encoding.width()}, summed once: the encoding is immutable. */
    private final int width;
    private final MultiLayerNetwork network;

    Dl4jModel(String candidateId, FeatureEncoding encoding, MultiLayerNetwork network) {
        this.candidateId = candidateId;
        this.encoding = encoding;
        this.width = encoding.width();
        this.network = network;
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
