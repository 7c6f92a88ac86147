package io.driftloop.driftdetector.domain;

import io.driftloop.contracts.spec.Correction;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Adjusts the p-values of the features tested in one window for testing them all at once, so that
 * a model with many features does not drift by chance. The adjusted p-values are the ones R's
 * {@code p.adjust} and statsmodels' {@code multipletests} return: Benjamini–Hochberg step-up
 * q-values ({@code p(i) * m / i} over the ascending ranks {@code i}, then the running minimum from
 * the largest rank down, at most 1), Bonferroni {@code min(1, p * m)}, or the p-values unchanged.
 * {@code m} is the number of p-values given: the features that were tested.
 */
public final class MultipleTesting {

    private MultipleTesting() {
    }

    /**
     * The adjusted p-values, in the order of {@code pValues}, which is not modified. Each p-value
     * must be in [0, 1]. An empty array gives an empty array.
     */
    public static double[] adjust(double[] pValues, Correction correction) {
        for (int i = 0; i < pValues.length; i++) {
            double p = pValues[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p-value " + i + " must be in [0, 1], was " + p);
            }
        }
        return switch (correction) {
            case NONE -> pValues.clone();
            case BONFERRONI -> bonferroni(pValues);
            case BENJAMINI_HOCHBERG -> benjaminiHochberg(pValues);
        };
    }

    private static double[] bonferroni(double[] pValues) {
        int m = pValues.length;
        double[] adjusted = new double[m];
        for (int i = 0; i < m; i++) {
            adjusted[i] = Math.min(1.0, pValues[i] * m);
        }
        return adjusted;
    }

    private static double[] benjaminiHochberg(double[] pValues) {
        int m = pValues.length;
        // indices by ascending p-value; ties keep their input order (the q-values of ties are equal anyway)
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[m];
        double runningMin = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            int index = order[rank - 1];
            runningMin = Math.min(runningMin, pValues[index] * m / rank);
            adjusted[index] = runningMin;
        }
        return adjusted;
    }
}
