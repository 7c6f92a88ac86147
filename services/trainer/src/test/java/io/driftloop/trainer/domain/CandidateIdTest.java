package io.driftloop.trainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftloop.contracts.Hashing;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandidateIdTest {

    static final String DATASET = "sha256:" + "a".repeat(64);
    static final String SPEC = "sha256:" + "c".repeat(64);
    static final Hyperparameters HP = new Hyperparameters(List.of(32, 16), 0.01, 64, 40, 5, 42L);

    @Test
    void isTheContentIdOfTheCanonicalJsonOfItsInputs() {
        String json = CandidateId.canonicalJson(DATASET, SPEC, HP, "0.1.0");
        assertThat(json).isEqualTo("{\"codeVersion\":\"0.1.0\",\"datasetId\":\"" + DATASET + "\","
                + "\"hyperparameters\":{\"batchSize\":64,\"hiddenLayers\":[32,16],\"learningRate\":0.01,"
                + "\"maxEpochs\":40,\"patience\":5},\"seed\":42,\"specHash\":\"" + SPEC + "\"}");
        assertThat(CandidateId.of(DATASET, SPEC, HP, "0.1.0")).isEqualTo(Hashing.contentId(json.getBytes()))
                .matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void theSameInputsAlwaysGiveTheSameId() {
        assertThat(CandidateId.of(DATASET, SPEC, HP, "0.1.0"))
                .isEqualTo(CandidateId.of(DATASET, SPEC, new Hyperparameters(List.of(32, 16), 0.01, 64, 40, 5, 42L), "0.1.0"));
    }

    @Test
    void everyInputChangesTheId() {
        String id = CandidateId.of(DATASET, SPEC, HP, "0.1.0");
        assertThat(CandidateId.of("sha256:" + "b".repeat(64), SPEC, HP, "0.1.0")).isNotEqualTo(id);
        assertThat(CandidateId.of(DATASET, "sha256:" + "d".repeat(64), HP, "0.1.0")).isNotEqualTo(id);
        assertThat(CandidateId.of(DATASET, SPEC, new Hyperparameters(List.of(32, 8), 0.01, 64, 40, 5, 42L), "0.1.0")).isNotEqualTo(id);
        assertThat(CandidateId.of(DATASET, SPEC, new Hyperparameters(List.of(32, 16), 0.01, 64, 40, 5, 43L), "0.1.0")).isNotEqualTo(id);
        assertThat(CandidateId.of(DATASET, SPEC, HP, "0.2.0")).isNotEqualTo(id);
    }

    @Test
    void missingInputsAreRejected() {
        assertThatThrownBy(() -> CandidateId.of(null, SPEC, HP, "0.1.0")).hasMessageContaining("datasetId");
        assertThatThrownBy(() -> CandidateId.of(DATASET, " ", HP, "0.1.0")).hasMessageContaining("specHash");
        assertThatThrownBy(() -> CandidateId.of(DATASET, SPEC, HP, null)).hasMessageContaining("codeVersion");
    }
}
