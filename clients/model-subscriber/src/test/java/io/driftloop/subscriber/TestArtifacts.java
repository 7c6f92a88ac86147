package io.driftloop.subscriber;

import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.model.FeatureEncoding;
import io.driftloop.contracts.model.ModelArtifact;
import io.driftloop.contracts.model.ModelArtifactCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Real DL4J model artifacts with known outputs: one numeric feature {@code x} (mean 0, std 1) into
 * a softmax over {@code (-w·x, w·x)}, so P(label = 1) = sigmoid(2·w·x); each weight is a model
 * that answers differently.
 */
public final class TestArtifacts {

    public static final FeatureEncoding ONE_NUMERIC = new FeatureEncoding(List.of(
            new FeatureEncoding.Column("x", true, 0.0, 1.0, List.of())));

    private TestArtifacts() {
    }

    public static byte[] network(float weight) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(1).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        net.setParams(Nd4j.create(new float[]{-weight, weight, 0f, 0f}, new long[]{1, 4}));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(net, bytes, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] artifact(String model, float weight) {
        return artifact(model, model + "-w" + weight, weight);
    }

    /** An artifact whose loaded model reports {@code candidateId}, so a test can tell which promotion it came from. */
    public static byte[] artifact(String model, String candidateId, float weight) {
        return ModelArtifactCodec.encode(new ModelArtifact(model, candidateId, ONE_NUMERIC, network(weight)));
    }

    /** The candidate id {@link #promoted} gives {@code version}. */
    public static String candidateId(String model, int version) {
        return model + "-c" + version;
    }

    public static double expectedScore(float weight, double x) {
        return 1 / (1 + Math.exp(-2 * weight * x));
    }

    public static ModelPromoted promoted(String model, int version, ArtifactRef artifact) {
        return new ModelPromoted(model, version, version > 1 ? version - 1 : null, artifact, "sha256:d", "sha256:s",
                Map.of("accuracy", 0.9), "test", Instant.parse("2026-01-01T00:00:00Z"), candidateId(model, version), null);
    }
}
