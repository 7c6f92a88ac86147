package io.driftloop.scorer;

import io.driftloop.contracts.model.FeatureEncoding;
import io.driftloop.contracts.model.ModelArtifact;
import io.driftloop.contracts.model.ModelArtifactCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Real DL4J artifacts with known answers: numeric {@code x} (mean 0, std 1) and categorical
 * {@code region} (north, south) into a softmax whose positive logit margin is {@code 2·w·x}, so
 * P(label = 1) = sigmoid(2·w·x) whatever the region.
 */
public final class TestModels {

    public static final FeatureEncoding ENCODING = new FeatureEncoding(List.of(
            new FeatureEncoding.Column("x", true, 0.0, 1.0, List.of()),
            new FeatureEncoding.Column("region", false, 0, 1, List.of("north", "south"))));

    private TestModels() {
    }

    public static byte[] artifact(String model, float weight) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        // weights (3 inputs x 2 outputs, column-major per DL4J's flattening) then the 2 biases
        net.setParams(Nd4j.create(new float[]{-weight, 0f, 0f, weight, 0f, 0f, 0f, 0f}, new long[]{1, 8}));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(net, bytes, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ModelArtifactCodec.encode(new ModelArtifact(model, model + "-w" + weight, ENCODING, bytes.toByteArray()));
    }

    public static double expected(float weight, double x) {
        return 1 / (1 + Math.exp(-2 * weight * x));
    }
}
