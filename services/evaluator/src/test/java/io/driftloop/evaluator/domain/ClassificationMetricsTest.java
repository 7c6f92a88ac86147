package io.driftloop.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    @Test
    void accuracyCountsPredictionsAtOrAboveOneHalfAsPositive() {
        int[] labels = {1, 0, 1, 0, 1};
        double[] p = {0.9, 0.2, 0.4, 0.6, 0.5};
        // right: 0.9->1, 0.2->0, 0.5->1; wrong: 0.4->0 (label 1), 0.6->1 (label 0)
        assertThat(ClassificationMetrics.accuracy(labels, p)).isEqualTo(0.6);
    }

    @Test
    void probabilityExactlyOneHalfIsPredictedPositive() {
        assertThat(ClassificationMetrics.predictedPositive(0.5)).isTrue();
        assertThat(ClassificationMetrics.predictedPositive(Math.nextDown(0.5))).isFalse();
    }

    @Test
    void accuracyOfNoRowsIsUndefined() {
        assertThat(ClassificationMetrics.accuracy(new int[0], new double[0])).isNaN();
    }

    @Test
    void labelsOtherThanOneCountAsNegative() {
        assertThat(ClassificationMetrics.accuracy(new int[]{2, -1}, new double[]{0.1, 0.2})).isEqualTo(1.0);
    }

    @Test
    void rocAucOfTheTextbookExampleIsThreeQuarters() {
        // three of the four (positive, negative) pairs are ranked correctly: 0.35 < 0.4 is the miss
        assertThat(ClassificationMetrics.rocAuc(new int[]{0, 0, 1, 1}, new double[]{0.1, 0.4, 0.35, 0.8}))
                .isCloseTo(0.75, within(1e-12));
    }

    @Test
    void tiedScoresCountOneHalfThroughAverageRanks() {
        // pairs: (0.5 vs 0.5) tie = 0.5, (0.5 vs 0.2) = 1, (0.9 vs 0.5) = 1, (0.9 vs 0.2) = 1 -> 3.5 / 4
        assertThat(ClassificationMetrics.rocAuc(new int[]{0, 1, 0, 1}, new double[]{0.5, 0.5, 0.2, 0.9}))
                .isCloseTo(0.875, within(1e-12));
    }

    @Test
    void allScoresTiedGiveOneHalf() {
        assertThat(ClassificationMetrics.rocAuc(new int[]{0, 1, 1, 0, 1}, new double[]{0.3, 0.3, 0.3, 0.3, 0.3}))
                .isCloseTo(0.5, within(1e-12));
    }

    @Test
    void perfectRankingGivesOneAndInvertedRankingGivesZero() {
        int[] labels = {0, 0, 1, 1};
        assertThat(ClassificationMetrics.rocAuc(labels, new double[]{0.1, 0.2, 0.3, 0.4})).isEqualTo(1.0);
        assertThat(ClassificationMetrics.rocAuc(labels, new double[]{0.4, 0.3, 0.2, 0.1})).isEqualTo(0.0);
    }

    @Test
    void rocAucIsUndefinedWhenTheRowsHoldOnlyOneClass() {
        assertThat(ClassificationMetrics.rocAuc(new int[]{1, 1, 1}, new double[]{0.2, 0.5, 0.9})).isNaN();
        assertThat(ClassificationMetrics.rocAuc(new int[]{0, 0}, new double[]{0.2, 0.9})).isNaN();
        assertThat(ClassificationMetrics.rocAuc(new int[0], new double[0])).isNaN();
    }

    @Test
    void rocAucIgnoresTheDecisionThresholdAndAnyMonotoneRescaling() {
        int[] labels = {0, 1, 0, 1, 1, 0};
        double[] p = {0.1, 0.2, 0.3, 0.4, 0.45, 0.49};
        double[] squashed = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            squashed[i] = p[i] * p[i] / 10;
        }
        assertThat(ClassificationMetrics.rocAuc(labels, squashed)).isEqualTo(ClassificationMetrics.rocAuc(labels, p));
        assertThat(ClassificationMetrics.accuracy(labels, p)).isEqualTo(0.5);
    }

    @Test
    void rocAucEqualsTheShareOfCorrectlyOrderedPairsOnRandomData() {
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
            assertThat(ClassificationMetrics.rocAuc(labels, scores)).isCloseTo(wins / pairs, within(1e-12));
        }
    }

    @Test
    void labelsAndScoresOfDifferentLengthsAreRejected() {
        assertThatThrownBy(() -> ClassificationMetrics.rocAuc(new int[]{0, 1}, new double[]{0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 labels but 1 scores");
        assertThatThrownBy(() -> ClassificationMetrics.accuracy(new int[]{0}, new double[]{0.5, 0.1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
