package io.driftloop.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    @Test
    void aProbabilityOfAtLeastOneHalfIsAPositivePrediction() {
        assertThat(ClassificationMetrics.predictedPositive(0.5)).isTrue();
        assertThat(ClassificationMetrics.predictedPositive(0.9)).isTrue();
        assertThat(ClassificationMetrics.predictedPositive(Math.nextDown(0.5))).isFalse();
        assertThat(ClassificationMetrics.predictedPositive(0.0)).isFalse();
    }

    @Test
    void theWeightedPassGivesTheRocAucAsTheShareOfCorrectlyOrderedPairsOnRandomData() {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            int n = 2 + random.nextInt(60);
            int[] labels = new int[n];
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i < 1 ? 0 : i < 2 ? 1 : random.nextInt(2);
                scores[i] = random.nextInt(10) / 10.0; // coarse grid: many ties
            }
            double pairs = 0;
            double wins = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (labels[i] == 1 && labels[j] == 0) {
                        pairs++;
                        wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                    }
                }
            }
            int[] ones = new int[n];
            Arrays.fill(ones, 1);
            double[] out = new double[Metrics.SIZE];
            RankedScores.of(labels, scores, null).measure(ones, out);
            assertThat(out[Metrics.ROC_AUC]).isCloseTo(wins / pairs, within(1e-12));
        }
    }
}
