package io.driftloop.driftdetector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.driftloop.contracts.spec.Correction;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MultipleTestingTest {

    static final double EPS = 1e-12;

    static void assertAdjusted(double[] actual, double... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("adjusted p-value %d", i).isCloseTo(expected[i], within(EPS));
        }
    }

    @Test
    void benjaminiHochbergGivesTheStepUpQValuesInInputOrder() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "BH")
        assertAdjusted(MultipleTesting.adjust(new double[] {0.01, 0.04, 0.03, 0.005}, Correction.BENJAMINI_HOCHBERG),
                0.02, 0.04, 0.04, 0.02);
    }

    @Test
    void benjaminiHochbergAgreesWithScipyOnTenPValuesIncludingZeroAndOne() {
        // scipy.stats.false_discovery_control(p, method="bh")
        double[] p = {0.0001, 0.8, 0.012, 0.049, 0.3, 0.0041, 0.75, 0.021, 1.0, 0.0};
        assertAdjusted(MultipleTesting.adjust(p, Correction.BENJAMINI_HOCHBERG),
                0.0005, 0.888888888888889, 0.03, 0.08166666666666668, 0.42857142857142855,
                0.013666666666666669, 0.888888888888889, 0.042, 1.0, 0.0);
    }

    @Test
    void benjaminiHochbergGivesTiedPValuesTheSameQValue() {
        assertAdjusted(MultipleTesting.adjust(new double[] {0.02, 0.02, 0.02, 0.5}, Correction.BENJAMINI_HOCHBERG),
                0.08 / 3, 0.08 / 3, 0.08 / 3, 0.5);
    }

    @Test
    void benjaminiHochbergLowersAnEarlierRankToALaterRanksQValue() {
        // each p(i) * m / i is 0.05: the running minimum makes them all 0.05
        assertAdjusted(MultipleTesting.adjust(new double[] {0.05, 0.04, 0.03, 0.02, 0.01},
                Correction.BENJAMINI_HOCHBERG), 0.05, 0.05, 0.05, 0.05, 0.05);
    }

    @Test
    void bonferroniMultipliesByTheNumberOfTestsAndCapsAtOne() {
        assertAdjusted(MultipleTesting.adjust(new double[] {0.01, 0.04, 0.03, 0.005}, Correction.BONFERRONI),
                0.04, 0.16, 0.12, 0.02);
        assertAdjusted(MultipleTesting.adjust(new double[] {0.3, 0.6, 0.0}, Correction.BONFERRONI), 0.9, 1.0, 0.0);
    }

    @Test
    void noCorrectionReturnsTheRawPValues() {
        assertAdjusted(MultipleTesting.adjust(new double[] {0.01, 0.04, 0.03, 0.005}, Correction.NONE),
                0.01, 0.04, 0.03, 0.005);
    }

    @ParameterizedTest
    @EnumSource(Correction.class)
    void aSingleTestIsNotAdjusted(Correction correction) {
        assertAdjusted(MultipleTesting.adjust(new double[] {0.037}, correction), 0.037);
    }

    @ParameterizedTest
    @EnumSource(Correction.class)
    void noTestsGiveNoAdjustedPValues(Correction correction) {
        assertThat(MultipleTesting.adjust(new double[0], correction)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Correction.class)
    void theInputIsNotModified(Correction correction) {
        double[] p = {0.01, 0.04, 0.03, 0.005};
        MultipleTesting.adjust(p, correction);
        assertThat(p).containsExactly(0.01, 0.04, 0.03, 0.005);
    }

    @ParameterizedTest
    @EnumSource(Correction.class)
    void aPValueOutsideZeroToOneIsRejected(Correction correction) {
        assertThatThrownBy(() -> MultipleTesting.adjust(new double[] {0.1, 1.5}, correction))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p-value 1");
        assertThatThrownBy(() -> MultipleTesting.adjust(new double[] {Double.NaN}, correction))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MultipleTesting.adjust(new double[] {-0.1}, correction))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onRandomPValuesTheOrderingIsNoneAtMostBenjaminiHochbergAtMostBonferroni() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            double[] p = new double[1 + random.nextInt(30)];
            for (int i = 0; i < p.length; i++) {
                p[i] = random.nextInt(4) == 0 ? random.nextDouble() * 1e-3 : random.nextDouble();
            }
            double[] bh = MultipleTesting.adjust(p, Correction.BENJAMINI_HOCHBERG);
            double[] bonferroni = MultipleTesting.adjust(p, Correction.BONFERRONI);
            for (int i = 0; i < p.length; i++) {
                assertThat(bh[i]).isBetween(p[i] - EPS, 1.0);
                assertThat(bh[i]).isLessThanOrEqualTo(bonferroni[i] + EPS);
                // the definition: the smallest p(j) * m / rank(j) over every p(j) >= p(i)
                double expected = 1.0;
                for (int j = 0; j < p.length; j++) {
                    if (p[j] >= p[i]) {
                        int rank = 0;
                        for (double q : p) {
                            if (q <= p[j]) {
                                rank++;
                            }
                        }
                        expected = Math.min(expected, p[j] * p.length / rank);
                    }
                }
                assertThat(bh[i]).isCloseTo(expected, within(EPS));
                // adjustment keeps the order of the raw p-values
                for (int j = 0; j < p.length; j++) {
                    if (p[i] <= p[j]) {
                        assertThat(bh[i]).isLessThanOrEqualTo(bh[j]);
                    }
                }
            }
        }
    }
}
