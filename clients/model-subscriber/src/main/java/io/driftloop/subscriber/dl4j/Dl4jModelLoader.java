package io.driftloop.subscriber.dl4j;

import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.model.ModelArtifact;
import io.driftloop.contracts.model.ModelArtifactCodec;
import io.driftloop.subscriber.ModelLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Loads {@code dl4j-multilayer} artifacts ({@link ModelArtifactCodec}) into a {@link Dl4jModel}.
 * Refuses an artifact of another format, one for another model, a network whose input width does
 * not match its feature encoding or that is not a 2-unit classifier, and one whose trial prediction
 * (a row of training means) is not a probability; the trial also warms the network up, so the
 * first request after a swap is as fast as the next.
 */
public final class Dl4jModelLoader implements ModelLoader<Dl4jModel> {

    private static final int OUTPUT_UNITS = 2;

    @Override
    public Dl4jModel load(ModelPromoted promotion, byte[] bytes) {
        String format = promotion.artifact().format();
        if (format != null && !ModelArtifact.FORMAT.equals(format)) {
            throw new IllegalArgumentException("artifact format is " + format + ", this loader reads " + ModelArtifact.FORMAT);
        }
        ModelArtifact artifact = ModelArtifactCodec.decode(bytes);
        if (artifact.model() != null && !artifact.model().equals(promotion.model())) {
            throw new IllegalArgumentException("artifact is of model " + artifact.model() + ", promoted as " + promotion.model());
        }
        if (artifact.encoding() == null || artifact.encoding().columns() == null) {
            throw new IllegalArgumentException("artifact has no feature encoding");
        }
        MultiLayerNetwork network;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(artifact.network()), false);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the network cannot be restored: " + e, e);
        }
        long inputs = network.layerInputSize(0);
        long outputs = network.layerSize(network.getnLayers() - 1);
        if (inputs != artifact.encoding().width()) {
            throw new IllegalArgumentException("the network takes " + inputs + " inputs but its feature encoding gives "
                    + artifact.encoding().width());
        }
        if (outputs != OUTPUT_UNITS) {
            throw new IllegalArgumentException("the network has " + outputs + " output units; a binary classifier has "
                    + OUTPUT_UNITS);
        }
        Dl4jModel model = new Dl4jModel(artifact.candidateId(), artifact.encoding(), network);
        double trial = model.score(Map.of());
        if (!(trial >= 0 && trial <= 1)) {
            throw new IllegalArgumentException("the network's trial prediction is " + trial + ", not a probability");
        }
        return model;
    }
}
