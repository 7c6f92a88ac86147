package io.driftloop.subscriber.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.model.FeatureEncoding;
import io.driftloop.contracts.model.ModelArtifact;
import io.driftloop.contracts.model.ModelArtifactCodec;
import io.driftloop.subscriber.TestArtifacts;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Restoring real DL4J artifacts with known weights, and what is refused. */
class Dl4jModelLoaderTest {

    final Dl4jModelLoader loader = new Dl4jModelLoader();

    static io.driftloop.contracts.events.ModelPromoted promotion(String model, String format) {
        return TestArtifacts.promoted(model, 1, new ArtifactRef("file:///a", "00", format));
    }

    static Map<String, Object> row(Object x) {
        Map<String, Object> r = new HashMap<>();
        r.put("x", x);
        return r;
    }

    @Test
    void scoresAreTheSecondSoftmaxColumnOfTheEncodedRow() {
        Dl4jModel model = loader.load(promotion("m", ModelArtifact.FORMAT), TestArtifacts.artifact("m", 1.5f));
        assertThat(model.score(row(1.0))).isCloseTo(TestArtifacts.expectedScore(1.5f, 1.0), within(1e-6));
        double[] all = model.scoreAll(List.of(row(-2.0), row(null)));
        assertThat(all[0]).isCloseTo(TestArtifacts.expectedScore(1.5f, -2.0), within(1e-6));
        assertThat(all[1]).isCloseTo(0.5, within(1e-6));
        assertThat(model.candidateId()).isEqualTo("m-w1.5");
    }

    @Test
    void predictionIsOneFromTheDecisionThresholdUp() {
        assertThat(Dl4jModel.predict(0.5)).isEqualTo(1);
        assertThat(Dl4jModel.predict(0.4999)).isZero();
    }

    @Test
    void anArtifactOfAnotherFormatIsRefused() {
        assertThatThrownBy(() -> loader.load(promotion("m", "onnx"), TestArtifacts.artifact("m", 1f)))
                .hasMessageContaining("format is onnx");
    }

    @Test
    void anArtifactOfAnotherModelIsRefused() {
        assertThatThrownBy(() -> loader.load(promotion("m", ModelArtifact.FORMAT), TestArtifacts.artifact("other", 1f)))
                .hasMessageContaining("of model other");
    }

    @Test
    void aNetworkCarryingAJavaSerializedPreprocessorIsRefusedBeforeDl4jOpensIt() throws Exception {
        // a real network archive with a preprocessor.bin added: DL4J would read it with ObjectInputStream
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(TestArtifacts.network(1f)));
             var zip = new java.util.zip.ZipOutputStream(out)) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
            zip.putNextEntry(new java.util.zip.ZipEntry("preprocessor.bin"));
            try (var objects = new java.io.ObjectOutputStream(zip)) {
                objects.writeObject(new java.util.ArrayList<>(List.of("not a preprocessor")));
            }
        }
        byte[] artifact = ModelArtifactCodec.encode(new ModelArtifact("m", "m-evil", TestArtifacts.ONE_NUMERIC,
                out.toByteArray()));

        assertThatThrownBy(() -> loader.load(promotion("m", ModelArtifact.FORMAT), artifact))
                .hasMessageContaining("m-evil").hasMessageContaining("preprocessor.bin")
                .hasMessageContaining("Java deserialization");
        // the same archive without it loads
        assertThat(loader.load(promotion("m", ModelArtifact.FORMAT), TestArtifacts.artifact("m", 1f))).isNotNull();
    }

    @Test
    void bytesThatAreNoArtifactAreRefused() {
        assertThatThrownBy(() -> loader.load(promotion("m", ModelArtifact.FORMAT),
                "not a zip".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("not a dl4j-multilayer artifact");
    }

    @Test
    void aNetworkWhoseInputWidthDiffersFromItsEncodingIsRefused() {
        FeatureEncoding two = new FeatureEncoding(List.of(
                new FeatureEncoding.Column("x", true, 0, 1, List.of()),
                new FeatureEncoding.Column("y", true, 0, 1, List.of())));
        byte[] bytes = ModelArtifactCodec.encode(new ModelArtifact("m", "c", two, TestArtifacts.network(1f)));
        assertThatThrownBy(() -> loader.load(promotion("m", ModelArtifact.FORMAT), bytes))
                .hasMessageContaining("takes 1 inputs but its feature encoding gives 2");
    }
}
