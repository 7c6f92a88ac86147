package io.driftloop.evaluator.domain;

import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * McNemar's test of two classifiers' accuracy on the same rows. {@code candidateOnly} (b) rows the
 * candidate gets right and the champion wrong, {@code championOnly} (c) the reverse. With fewer
 * than {@value #EXACT_BELOW} discordant rows the exact two-sided binomial test (b ~ Bin(b + c, ½),
 * p = min(1, 2·P(X ≤ min(b, c))), as {@code scipy.stats.binomtest}); otherwise the chi-square test
 * with continuity correction, statistic (|b − c| − 1)² / (b + c) on 1 degree of freedom.
 *
 * @param method    {@value #EXACT} or {@value #CHI_SQUARE}
 * @param statistic the chi-square statistic (null for the exact test)
 */
public record McNemar(long candidateOnly, long championOnly, String method, Double statistic, double pValue) {

    public static final int EXACT_BELOW = 25;
    public static final String EXACT = "exact binomial";
    public static final String CHI_SQUARE = "chi-square with continuity correction";

    public static McNemar test(long candidateOnly, long championOnly) {
        long b = candidateOnly;
        long c = championOnly;
        long n = b + c;
        if (n < EXACT_BELOW) {
            double tail = 0;
            for (long k = 0; k <= Math.min(b, c); k++) {
                tail += CombinatoricsUtils.binomialCoefficientDouble((int) n, (int) k);
            }
            tail /= Math.pow(2, n);
            return new McNemar(b, c, EXACT, null, Math.min(1, 2 * tail));
        }
        double d = Math.abs(b - c) - 1.0;
        double statistic = d * d / n;
        // the upper tail of chi-square with 1 degree of freedom is erfc(sqrt(x / 2))
        return new McNemar(b, c, CHI_SQUARE, statistic, Erf.erfc(Math.sqrt(statistic / 2)));
    }

    /** A clause for a gate's detail, e.g. {@code McNemar's exact binomial test: 7 vs 3 discordant rows, p = 0.344}. */
    public String describe() {
        return "McNemar's " + method + " test: " + candidateOnly + " rows only the candidate gets right, " + championOnly
                + " only the champion, " + (statistic == null ? "" : "statistic " + Gates.fmt(statistic) + ", ")
                + "p = " + String.format(java.util.Locale.ROOT, "%.4g", pValue);
    }
}
