package io.driftloop.evaluator.domain;

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
 * A {@link Scorer} over a DL4J network from a model artifact: rows are encoded with the artifact's
 * own {@link FeatureEncoding} (exactly as the trainer did), and P(label = 1) is column 1 of the
 * 2-unit softmax output. Calls are serialised because a network is not safe for concurrent use.
 */
public final class Dl4jScorer implements Scorer {

    private static final int OUTPUT_UNITS = 2;
    private static final int POSITIVE_COLUMN = 1;

    private final FeatureEncoding encoding;
    private final MultiLayerNetwork network;

    private Dl4jScorer(FeatureEncoding encoding, MultiLayerNetwork network) {
        this.encoding = encoding;
        this.network = network;
    }

    /**
     * Restores the network of {@code artifact}; throws {@link UnusableArtifactException} when it
     * cannot be read or does not fit the encoding (input width) or the task (2 output units).
     */
    public static Dl4jScorer restore(ModelArtifact artifact) {
        if (artifact.encoding() == null) {
            throw new UnusableArtifactException("artifact of " + artifact.candidateId() + " has no feature encoding");
        }
        MultiLayerNetwork network;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(artifact.network()), false);
        } catch (IOException | RuntimeException e) {
            throw new UnusableArtifactException("the network of " + artifact.candidateId() + " cannot be restored: " + e, e);
        }
        long inputs = network.layerInputSize(0);
        long outputs = network.layerSize(network.getnLayers() - 1);
        if (inputs != artifact.encoding().width()) {
            throw new UnusableArtifactException("the network of " + artifact.candidateId() + " takes " + inputs
                    + " inputs but its feature encoding gives " + artifact.encoding().width());
        }
        if (outputs != OUTPUT_UNITS) {
            throw new UnusableArtifactException("the network of " + artifact.candidateId() + " has " + outputs
                    + " output units; a binary classifier has " + OUTPUT_UNITS);
        }
        return new Dl4jScorer(artifact.encoding(), network);
    }

    @Override
    public synchronized double[] probabilities(List<Map<String, Object>> features) {
        if (features.isEmpty()) {
            return new double[0];
        }
        int width = encoding.width();
        INDArray x = Nd4j.create(encoding.encodeAll(features), new long[]{features.size(), width}, 'c');
        INDArray out = network.output(x);
        double[] p = new double[features.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = out.getDouble(i, POSITIVE_COLUMN);
        }
        return p;
    }
}
