package io.driftloop.trainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @Test
    void aLowerLossIsTheNewBestEpoch() {
        EarlyStopping stopping = new EarlyStopping(2, 10);
        assertThat(stopping.record(0.9)).isTrue();
        assertThat(stopping.record(0.7)).isTrue();
        assertThat(stopping.bestEpoch()).isEqualTo(2);
        assertThat(stopping.bestLoss()).isEqualTo(0.7);
        assertThat(stopping.shouldStop()).isFalse();
    }

    @Test
    void anEqualLossIsNotAnImprovement() {
        EarlyStopping stopping = new EarlyStopping(3, 10);
        stopping.record(0.5);
        assertThat(stopping.record(0.5)).isFalse();
        assertThat(stopping.bestEpoch()).isEqualTo(1);
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovement() {
        EarlyStopping stopping = new EarlyStopping(2, 10);
        stopping.record(0.5);
        stopping.record(0.6);
        assertThat(stopping.shouldStop()).isFalse();
        stopping.record(0.55);
        assertThat(stopping.shouldStop()).isTrue();
        assertThat(stopping.epochs()).isEqualTo(3);
        assertThat(stopping.bestEpoch()).isEqualTo(1);
    }

    @Test
    void anImprovementResetsThePatience() {
        EarlyStopping stopping = new EarlyStopping(2, 10);
        stopping.record(0.5);
        stopping.record(0.6);
        stopping.record(0.4);
        stopping.record(0.45);
        assertThat(stopping.shouldStop()).isFalse();
        stopping.record(0.41);
        assertThat(stopping.shouldStop()).isTrue();
        assertThat(stopping.bestEpoch()).isEqualTo(3);
    }

    @Test
    void stopsAtMaxEpochsEvenWhileImproving() {
        EarlyStopping stopping = new EarlyStopping(5, 3);
        stopping.record(0.3);
        stopping.record(0.2);
        assertThat(stopping.shouldStop()).isFalse();
        stopping.record(0.1);
        assertThat(stopping.shouldStop()).isTrue();
        assertThat(stopping.bestEpoch()).isEqualTo(3);
    }

    @Test
    void aNonFiniteLossNeverCountsAsBest() {
        EarlyStopping stopping = new EarlyStopping(2, 10);
        assertThat(stopping.record(Double.NaN)).isFalse();
        assertThat(stopping.record(Double.POSITIVE_INFINITY)).isFalse();
        assertThat(stopping.bestEpoch()).isZero();
        assertThat(stopping.shouldStop()).isTrue();
    }

    @Test
    void recordingAfterTheStopIsAnError() {
        EarlyStopping stopping = new EarlyStopping(1, 1);
        stopping.record(0.1);
        assertThatThrownBy(() -> stopping.record(0.05)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nonPositiveSettingsAreRejected() {
        assertThatThrownBy(() -> new EarlyStopping(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EarlyStopping(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
