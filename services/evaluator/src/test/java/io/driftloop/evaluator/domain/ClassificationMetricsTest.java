package io.driftloop.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    @Test
    void aProbabilityOfAtLeastOneHalfIsAPositivePrediction() {
        assertThat(ClassificationMetrics.predictedPositive(0.5)).isTrue();
        assertThat(ClassificationMetrics.predictedPositive(0.9)).isTrue();
        assertThat(ClassificationMetrics.predictedPositive(Math.nextDown(0.5))).isFalse();
        assertThat(ClassificationMetrics.predictedPositive(0.0)).isFalse();
    }
}
