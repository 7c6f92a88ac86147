package io.driftloop.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.driftloop.contracts.artifacts.LocalArtifactStore;
import io.driftloop.contracts.dataset.Dataset;
import io.driftloop.contracts.dataset.DatasetCodec;
import io.driftloop.contracts.dataset.DatasetRow;
import io.driftloop.contracts.dataset.Split;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.model.FeatureEncoding;
import io.driftloop.contracts.model.ModelArtifact;
import io.driftloop.contracts.model.ModelArtifactCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J scoring on a one-layer network with hand-set weights: softmax over (-x, x) gives
 * P(label = 1) = sigmoid(2x), so the expected probabilities are known in closed form.
 */
class Dl4jScorerTest {

    static final FeatureEncoding ONE_NUMERIC = new FeatureEncoding(List.of(
            new FeatureEncoding.Column("x", true, 1.0, 2.0, List.of())));
    static byte[] network;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildNetwork() throws IOException {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(1).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        net.setParams(Nd4j.create(new float[]{-1f, 1f, 0f, 0f}, new long[]{1, 4}));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, false);
        network = bytes.toByteArray();
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    static Map<String, Object> row(Object x) {
        Map<String, Object> r = new HashMap<>();
        r.put("x", x);
        return r;
    }

    @Test
    void probabilityOfLabelOneIsTheSecondSoftmaxColumnOfTheEncodedRow() {
        Scorer scorer = Dl4jScorer.restore(new ModelArtifact("m", "c", ONE_NUMERIC, network));
        // the encoding standardises x with mean 1 and std 2: x = 3 -> 1, x = 0 -> -0.5, missing -> mean -> 0
        double[] p = scorer.probabilities(List.of(row(3), row(0), row(null)));
        assertThat(p[0]).isCloseTo(sigmoid(2), within(1e-6));
        assertThat(p[1]).isCloseTo(sigmoid(-1), within(1e-6));
        assertThat(p[2]).isCloseTo(0.5, within(1e-6));
        assertThat(scorer.probabilities(List.of())).isEmpty();
    }

    @Test
    void aNetworkWhoseInputDoesNotFitTheEncodingIsUnusable() {
        FeatureEncoding two = new FeatureEncoding(List.of(new FeatureEncoding.Column("x", true, 0, 1, List.of()),
                new FeatureEncoding.Column("y", true, 0, 1, List.of())));
        assertThatThrownBy(() -> Dl4jScorer.restore(new ModelArtifact("m", "c", two, network)))
                .isInstanceOf(UnusableArtifactException.class)
                .hasMessageContaining("takes 1 inputs but its feature encoding gives 2");
    }

    @Test
    void bytesThatAreNotANetworkAreUnusable() {
        assertThatThrownBy(() -> Dl4jScorer.restore(new ModelArtifact("m", "c", ONE_NUMERIC, new byte[]{1, 2, 3})))
                .isInstanceOf(UnusableArtifactException.class).hasMessageContaining("cannot be restored");
    }

    @Test
    void storeLoaderReadsModelsAndDatasetsItWasGivenAndRefusesTamperedOnes() {
        LocalArtifactStore store = new LocalArtifactStore(dir);
        StoreArtifactLoader loader = new StoreArtifactLoader(store);
        ArtifactRef model = store.put(ModelArtifactCodec.encode(new ModelArtifact("m", "c", ONE_NUMERIC, network)),
                ModelArtifact.FORMAT);
        assertThat(loader.scorer(model).probabilities(List.of(row(1)))[0]).isCloseTo(0.5, within(1e-6));

        Dataset dataset = new Dataset("m", "s", List.of(), List.of(
                new DatasetRow("r", 0, 0, Split.TEST, Map.of("x", 1), Map.of(), 1)));
        ArtifactRef data = store.put(DatasetCodec.encode(dataset), Dataset.FORMAT);
        assertThat(loader.dataset(data)).isEqualTo(dataset);

        ArtifactRef tampered = new ArtifactRef(model.uri(), "0".repeat(64), model.format());
        assertThatThrownBy(() -> loader.scorer(tampered)).isInstanceOf(UnusableArtifactException.class)
                .hasMessageContaining("is not named by its SHA-256").hasMessageContaining("refusing to read it");
        ArtifactRef notAModel = store.put("{}".getBytes(StandardCharsets.UTF_8), ModelArtifact.FORMAT);
        assertThatThrownBy(() -> loader.scorer(notAModel)).isInstanceOf(UnusableArtifactException.class)
                .hasMessageContaining("not a dl4j-multilayer artifact");
        assertThatThrownBy(() -> loader.dataset(notAModel)).isInstanceOf(UnusableArtifactException.class)
                .hasMessageContaining("is not a driftloop-dataset");
        String hex = "ab".repeat(32);
        ArtifactRef gone = new ArtifactRef(dir.resolve("sha256").resolve("ab").resolve(hex).toUri().toString(), hex,
                Dataset.FORMAT);
        assertThatThrownBy(() -> loader.dataset(gone)).isInstanceOf(UnusableArtifactException.class)
                .hasMessageContaining("does not exist");
    }
}
