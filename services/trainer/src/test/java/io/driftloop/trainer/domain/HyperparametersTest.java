package io.driftloop.trainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftloop.contracts.spec.TrainingSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class HyperparametersTest {

    @Test
    void areTakenFromTheSpecsTrainingSection() {
        Hyperparameters hp = Hyperparameters.of(TrainingSpec.DEFAULTS);
        assertThat(hp).isEqualTo(new Hyperparameters(List.of(32, 16), 0.02, 256, 40, 5, 42L));
    }

    @Test
    void theMapNamesTheConfiguredValuesInAFixedOrder() {
        Hyperparameters hp = new Hyperparameters(List.of(8, 4), 0.02, 32, 10, 3, 1L);
        assertThat(hp.asMap()).containsExactly(
                java.util.Map.entry("hiddenLayers", List.of(8, 4)),
                java.util.Map.entry("learningRate", 0.02),
                java.util.Map.entry("batchSize", 32),
                java.util.Map.entry("maxEpochs", 10),
                java.util.Map.entry("patience", 3));
    }

    @Test
    void theMapOfARunAddsEpochsRunAndBestEpoch() {
        Hyperparameters hp = new Hyperparameters(List.of(8), 0.02, 32, 10, 3, 1L);
        assertThat(hp.asMap(7, 4)).containsEntry("epochsRun", 7).containsEntry("bestEpoch", 4).hasSize(7);
    }

    @Test
    void noHiddenLayerIsALogisticRegression() {
        assertThat(new Hyperparameters(List.of(), 0.02, 256, 40, 5, 1L).hiddenLayers()).isEmpty();
    }

    @Test
    void invalidValuesAreRejected() {
        assertThatThrownBy(() -> new Hyperparameters(List.of(4, -1), 0.01, 1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Hyperparameters(List.of(0), 0.01, 1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Hyperparameters(List.of(4), 1.0, 1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Hyperparameters(List.of(4), 0.01, 0, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Hyperparameters(List.of(4), 0.01, 1, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Hyperparameters(List.of(4), 0.01, 1, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
