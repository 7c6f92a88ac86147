package io.driftloop.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftloop.contracts.artifacts.ArtifactIntegrityException;
import io.driftloop.contracts.artifacts.LocalArtifactStore;
import io.driftloop.contracts.dataset.Dataset;
import io.driftloop.contracts.dataset.DatasetCodec;
import io.driftloop.contracts.dataset.DatasetRow;
import io.driftloop.contracts.dataset.Split;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.OffsetRange;
import io.driftloop.contracts.model.FeatureEncoding;
import io.driftloop.contracts.model.ModelArtifact;
import io.driftloop.contracts.model.ModelArtifactCodec;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFormatsTest {

    @TempDir
    Path dir;

    @Test
    void splitIsDeterministicAndNearItsFractions() {
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        for (int i = 0; i < 20_000; i++) {
            Split s = Split.of("r-" + i, 0.15, 0.15);
            assertThat(Split.of("r-" + i, 0.15, 0.15)).isEqualTo(s);
            counts.merge(s, 1, Integer::sum);
        }
        assertThat(counts.get(Split.TEST)).isBetween(2700, 3300);
        assertThat(counts.get(Split.VALIDATION)).isBetween(2700, 3300);
        assertThat(counts.get(Split.TRAIN)).isBetween(13400, 14600);
    }

    @Test
    void sameDatasetGivesSameBytes() {
        assertThat(DatasetCodec.encode(dataset())).isEqualTo(DatasetCodec.encode(dataset()));
        assertThat(DatasetCodec.decodeDataset(DatasetCodec.encode(dataset()))).isEqualTo(dataset());
    }

    @Test
    void storeIsContentAddressedAndIdempotent() {
        LocalArtifactStore store = new LocalArtifactStore(dir);
        byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
        ArtifactRef a = store.put(bytes, "text");
        ArtifactRef b = store.put(bytes, "text");

        assertThat(a).isEqualTo(b);
        assertThat(a.sha256()).isEqualTo(Hashing.sha256Hex(bytes));
        assertThat(a.uri()).startsWith("file:").contains("/sha256/" + a.sha256().substring(0, 2) + "/" + a.sha256());
        assertThat(store.get(a)).isEqualTo(bytes);
    }

    @Test
    void tamperedArtifactIsRefused() throws IOException {
        LocalArtifactStore store = new LocalArtifactStore(dir);
        ArtifactRef ref = store.put("model".getBytes(StandardCharsets.UTF_8), "text");
        Files.writeString(Path.of(java.net.URI.create(ref.uri())), "evil");

        assertThatThrownBy(() -> store.get(ref)).isInstanceOf(ArtifactIntegrityException.class)
                .hasMessageContaining("refusing");
    }

    @Test
    void missingArtifactIsReportedNotThrownAsIo() {
        LocalArtifactStore store = new LocalArtifactStore(dir);
        String hex = "0".repeat(64);
        ArtifactRef ref = new ArtifactRef(dir.resolve("sha256").resolve("00").resolve(hex).toUri().toString(), hex,
                "text");
        assertThatThrownBy(() -> store.get(ref)).isInstanceOf(ArtifactIntegrityException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void encodingStandardisesNumericAndOneHotsCategorical() {
        ModelSpec spec = ModelSpecs.parse("""
                name: m
                task: binary-classification
                features:
                  - {name: x, type: numeric}
                  - {name: c, type: categorical, values: [a, b]}
                """);
        FeatureEncoding enc = FeatureEncoding.fit(spec, List.of(Map.of("x", 1.0), Map.of("x", 3.0)));
        float[] out = new float[enc.width()];

        enc.encode(Map.of("x", 3.0, "c", "b"), out, 0);
        assertThat(enc.width()).isEqualTo(3);
        assertThat(out[0]).isCloseTo((float) ((3.0 - 2.0) / Math.sqrt(2.0)), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(out).endsWith(0f, 1f);

        enc.encode(Map.of("c", "unseen"), out, 0);
        assertThat(out).containsExactly(0f, 0f, 0f);
    }

    @Test
    void modelArtifactRoundTripsWithStableBytes() {
        FeatureEncoding enc = new FeatureEncoding(List.of(new FeatureEncoding.Column("x", true, 1, 2, List.of())));
        ModelArtifact artifact = new ModelArtifact("m", "sha256:00", enc, new byte[] {1, 2, 3});
        byte[] bytes = ModelArtifactCodec.encode(artifact);

        assertThat(ModelArtifactCodec.encode(artifact)).isEqualTo(bytes);
        ModelArtifact back = ModelArtifactCodec.decode(bytes);
        assertThat(back.encoding()).isEqualTo(enc);
        assertThat(back.network()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> ModelArtifactCodec.decode(new byte[] {9, 9})).isInstanceOf(IllegalArgumentException.class);
    }

    private static Dataset dataset() {
        List<DatasetRow> rows = IntStream.range(0, 5).mapToObj(i -> new DatasetRow("r-" + i, 0, i,
                Split.of("r-" + i, 0.2, 0.2), Map.of("x", i * 1.5, "c", "a"), Map.of("g", "f"), i % 2)).toList();
        return new Dataset("m", "sha256:aa", List.of(new OffsetRange(Topics.EXAMPLES, 0, 0, 5)), rows);
    }
}
