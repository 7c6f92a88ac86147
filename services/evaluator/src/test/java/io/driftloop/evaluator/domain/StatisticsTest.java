package io.driftloop.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftloop.contracts.spec.FairnessMetric;
import io.driftloop.contracts.spec.QualityMetric;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    static int[] labels(int n, Random r) {
        return r.ints(n, 0, 2).toArray();
    }

    static double[] scores(int[] labels, Random r) {
        // two decimals, so many rows tie
        return Arrays.stream(labels).mapToDouble(y -> Math.round(Math.min(1, Math.max(0, 0.3 * y + 0.7 * r.nextDouble())) * 100) / 100.0)
                .toArray();
    }

    @Test
    void aWeightedPassEqualsThePassOverTheRowsRepeatedThatManyTimes() {
        Random r = new Random(1);
        int[] y = labels(300, r);
        double[] p = scores(y, r);
        int[] counts = new int[y.length];
        Bootstrap.draw(counts, 42, 0);
        int total = Arrays.stream(counts).sum();
        int[] yy = new int[total];
        double[] pp = new double[total];
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            for (int c = 0; c < counts[i]; c++) {
                yy[k] = y[i];
                pp[k++] = p[i];
            }
        }
        double[] weighted = new double[Metrics.SIZE];
        RankedScores.of(y, p, null).measure(counts, weighted);
        double[] expanded = new double[Metrics.SIZE];
        int[] ones = new int[total];
        Arrays.fill(ones, 1);
        RankedScores.of(yy, pp, null).measure(ones, expanded);
        for (int m = 0; m < Metrics.SIZE; m++) {
            assertThat(weighted[m]).as("metric " + m).isCloseTo(expanded[m], within(1e-12));
        }
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

    @Test
    void theConstantScoreShortcutEqualsAPassOverTiedRows() {
        Random r = new Random(8);
        int[] y = labels(200, r);
        int[] counts = new int[y.length];
        Bootstrap.draw(counts, 5, 1);
        long pos = 0;
        long neg = 0;
        for (int i = 0; i < y.length; i++) {
            pos += y[i] == 1 ? counts[i] : 0;
            neg += y[i] == 1 ? 0 : counts[i];
        }
        for (double p : new double[] {0.0, 0.3, 0.5, 0.77, 1.0}) {
            double[] constant = new double[y.length];
            Arrays.fill(constant, p);
            double[] pass = new double[Metrics.SIZE];
            RankedScores.of(y, constant, null).measure(counts, pass);
            double[] shortcut = new double[Metrics.SIZE];
            RankedScores.measureConstant(p, pos, neg, shortcut);
            for (int m = 0; m < Metrics.SIZE; m++) {
                assertThat(shortcut[m]).as("p " + p + " metric " + m).isCloseTo(pass[m], within(1e-12));
            }
        }
    }

    @Test
    void aResampleHasExactlyNRowsAndDependsOnlyOnSeedAndIndex() {
        int[] a = new int[1000];
        int[] b = new int[1000];
        Bootstrap.draw(a, 9, 5);
        Bootstrap.draw(b, 9, 5);
        assertThat(Arrays.stream(a).sum()).isEqualTo(1000);
        assertThat(a).isEqualTo(b);
        Bootstrap.draw(b, 9, 6);
        assertThat(a).isNotEqualTo(b);
        // about 1 - 1/e of the rows appear in a resample
        assertThat(Arrays.stream(a).filter(c -> c > 0).count()).isBetween(600L, 665L);
        assertThat(Bootstrap.seedOf("sha256:x")).isEqualTo(Bootstrap.seedOf("sha256:x")).isNotEqualTo(Bootstrap.seedOf("sha256:y"));
    }

    static EvaluationData data(int[] y, double[] candidate, double[] champion) {
        String[] g = new String[y.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = i % 3 == 0 ? "a" : "b";
        }
        Column column = new Column("g", g);
        return new EvaluationData(y, candidate, champion, 0.5, List.of(column), List.of(column),
                FairnessMeasure.STANDARD, 30, 20);
    }

    @Test
    void theSameSeedGivesTheSameStatisticsAndIntervalsContainThePoint() {
        Random r = new Random(2);
        int[] y = labels(2000, r);
        double[] c = scores(y, r);
        double[] h = scores(y, r);
        EvaluationStatistics a = Statistics.compute(data(y, c, h), 11, 400, 0.9);
        EvaluationStatistics b = Statistics.compute(data(y, c, h), 11, 400, 0.9);
        assertThat(a).isEqualTo(b);
        for (QualityMetric m : QualityMetric.values()) {
            Estimate e = a.candidate().get(m);
            if (m == QualityMetric.ECE) {
                // resampling adds calibration error (bins hold fewer distinct rows), so ECE's interval may lie above it
                assertThat(e.upper()).isGreaterThan(e.value());
                continue;
            }
            assertThat(e.lower()).as(m.wireName()).isLessThanOrEqualTo(e.value());
            assertThat(e.upper()).as(m.wireName()).isGreaterThanOrEqualTo(e.value());
            Estimate d = a.versusChampion().get(m.wireName());
            assertThat(d.value()).isCloseTo(a.candidate().get(m).point() - a.champion().get(m).point(), within(1e-12));
        }
        Estimate dpd = a.fairness("g").get(new FairnessMeasure(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, null));
        // a spread is never negative, so near 0 its resamples lie above it as well
        assertThat(dpd.lower()).isGreaterThanOrEqualTo(0.0);
        assertThat(dpd.upper()).isGreaterThan(dpd.value());
        assertThat(Statistics.compute(data(y, c, h), 12, 400, 0.9)).isNotEqualTo(a);
    }

    @Test
    void aModelComparedWithItselfHasAZeroPairedDifferenceInEveryResample() {
        Random r = new Random(4);
        int[] y = labels(500, r);
        double[] c = scores(y, r);
        EvaluationStatistics s = Statistics.compute(data(y, c, c.clone()), 1, 200, 0.95);
        for (QualityMetric m : QualityMetric.values()) {
            assertThat(s.versusChampion().get(m.wireName())).isEqualTo(new Estimate(0.0, 0.0, 0.0));
        }
        assertThat(s.mcnemar().pValue()).isEqualTo(1.0);
        assertThat(s.mcnemar().method()).isEqualTo(McNemar.EXACT);
    }

    @Test
    void widerConfidenceGivesAWiderInterval() {
        Random r = new Random(5);
        int[] y = labels(400, r);
        double[] c = scores(y, r);
        Estimate narrow = Statistics.compute(data(y, c, null), 3, 500, 0.8).candidate().get(QualityMetric.ROC_AUC);
        Estimate wide = Statistics.compute(data(y, c, null), 3, 500, 0.99).candidate().get(QualityMetric.ROC_AUC);
        assertThat(wide.lower()).isLessThan(narrow.lower());
        assertThat(wide.upper()).isGreaterThan(narrow.upper());
    }

    @Test
    void theBaselineIsAConstantScoreOnTheSameRows() {
        int[] y = {1, 1, 1, 0};
        double[] c = {0.9, 0.8, 0.4, 0.1};
        EvaluationStatistics s = Statistics.compute(new EvaluationData(y, c, null, 0.75, List.of(), List.of(),
                List.of(), 1, 1), 1, 100, 0.95);
        assertThat(s.baseline().get(QualityMetric.ACCURACY).value()).isEqualTo(0.75);
        assertThat(s.baseline().get(QualityMetric.ROC_AUC).value()).isEqualTo(0.5);
        assertThat(s.baseline().get(QualityMetric.PR_AUC).value()).isEqualTo(0.75);
        assertThat(s.baseline().get(QualityMetric.ECE).value()).isCloseTo(0.0, within(1e-15));
        assertThat(s.versusBaseline().get("accuracy").value()).isEqualTo(0.0);
        assertThat(s.champion()).isNull();
        assertThat(s.versusChampion()).isNull();
        assertThat(s.mcnemar()).isNull();
    }

    @Test
    void percentilesInterpolateBetweenOrderStatisticsAndSkipUndefinedResamples() {
        assertThat(Percentiles.interval(new double[] {4, 1, 3, 2, 5}, 0.5)).containsExactly(2.0, 4.0);
        assertThat(Percentiles.interval(new double[] {0, 10}, 0.9)[0]).isCloseTo(0.5, within(1e-12));
        assertThat(Percentiles.interval(new double[] {Double.NaN, 1, Double.NaN, 3}, 0.5)).containsExactly(1.5, 2.5);
        assertThat(Percentiles.interval(new double[] {Double.NaN}, 0.95)).isNull();
    }

    @Test
    void mcnemarUsesTheExactTestBelow25DiscordantRowsAndChiSquareFrom25() {
        McNemar exact = McNemar.test(10, 2);
        assertThat(exact.method()).isEqualTo(McNemar.EXACT);
        // 2 * (C(12,0) + C(12,1) + C(12,2)) / 2^12 = 2 * 79 / 4096
        assertThat(exact.pValue()).isCloseTo(158 / 4096.0, within(1e-15));
        assertThat(exact.statistic()).isNull();
        assertThat(McNemar.test(0, 0).pValue()).isEqualTo(1.0);
        McNemar chi = McNemar.test(20, 5);
        assertThat(chi.method()).isEqualTo(McNemar.CHI_SQUARE);
        assertThat(chi.statistic()).isCloseTo(14.0 * 14 / 25, within(1e-12));
        assertThat(chi.describe()).contains("chi-square with continuity correction", "20 rows only the candidate");
    }

    @Test
    void slicesAndGroupsUseTheirOwnRowsAndSmallOnesAreOnlyCounted() {
        int[] y = new int[100];
        double[] c = new double[100];
        String[] v = new String[100];
        for (int i = 0; i < 100; i++) {
            y[i] = i % 2;
            v[i] = i < 90 ? "big" : "small";
            // right on the big slice, wrong on the small one
            c[i] = i < 90 ? (y[i] == 1 ? 0.9 : 0.1) : (y[i] == 1 ? 0.1 : 0.9);
        }
        Column column = new Column("s", v);
        EvaluationStatistics s = Statistics.compute(new EvaluationData(y, c, null, 0.5, List.of(column),
                List.of(column), FairnessMeasure.STANDARD, 30, 20), 1, 100, 0.95);
        assertThat(s.slices()).extracting(Slice::value, Slice::rows)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("big", 90), org.assertj.core.groups.Tuple.tuple("small", 10));
        assertThat(s.slices().get(0).metrics().get(QualityMetric.ACCURACY)).isEqualTo(new Estimate(1.0, 1.0, 1.0));
        assertThat(s.slices().get(1).metrics()).isNull();
        AttributeFairness f = s.fairness("s");
        assertThat(f.groups()).extracting(GroupRates::gated).containsExactly(true, false);
        // one group reaches the minimum size: nothing to compare, so every measure is undefined (its gate fails closed)
        for (FairnessMeasure measure : FairnessMeasure.STANDARD) {
            assertThat(f.get(measure).value()).as(measure.key()).isNull();
        }
    }

    @Test
    void aTruePositiveRateCountsOnlyForGroupsWithEnoughPositivesAndAFalsePositiveRateWithEnoughNegatives() {
        // group p: 40 rows, 30 positives, 10 negatives; group q: 40 rows, 20 positives, 20 negatives
        int[] y = new int[80];
        double[] c = new double[80];
        String[] v = new String[80];
        for (int i = 0; i < 80; i++) {
            v[i] = i < 40 ? "p" : "q";
            y[i] = i < 40 ? (i < 30 ? 1 : 0) : (i % 2);
            c[i] = i < 40 ? 0.9 : (y[i] == 1 ? 0.1 : 0.9);
        }
        Column column = new Column("s", v);
        AttributeFairness f = Statistics.compute(new EvaluationData(y, c, null, 0.5, List.of(), List.of(column),
                FairnessMeasure.STANDARD, 30, 20), 1, 100, 0.95).fairness("s");
        // TPR p 1.0 (30 positives), q 0.0 (20 positives): both count
        assertThat(f.get(new FairnessMeasure(FairnessMetric.EQUAL_OPPORTUNITY_DIFFERENCE, null)).value()).isEqualTo(1.0);
        // p has 10 negatives < 20, so its FPR does not count and the FPR difference is undefined
        assertThat(f.get(new FairnessMeasure(FairnessMetric.EQUALIZED_ODDS_DIFFERENCE, null)).value()).isNull();
        assertThat(f.get(new FairnessMeasure(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, null)).value()).isEqualTo(0.5);
    }

    @Test
    void aReferenceGroupNobodyInWhichIsSelectedGivesAnInfiniteRatioWhenAnotherGroupIsSelected() {
        int[] y = new int[60];
        double[] c = new double[60];
        String[] v = new String[60];
        for (int i = 0; i < 60; i++) {
            y[i] = i % 2;
            v[i] = i < 30 ? "r" : "s";
            c[i] = i < 30 ? 0.1 : 0.9;
        }
        Column column = new Column("s", v);
        FairnessMeasure reference = new FairnessMeasure(FairnessMetric.DISPARATE_IMPACT_RATIO, "r");
        AttributeFairness f = Statistics.compute(new EvaluationData(y, c, null, 0.5, List.of(), List.of(column),
                List.of(reference), 30, 20), 1, 100, 0.95).fairness("s");
        assertThat(f.get(reference)).isEqualTo(new Estimate(FairnessMeasure.INFINITE_RATIO,
                FairnessMeasure.INFINITE_RATIO, FairnessMeasure.INFINITE_RATIO));
    }
}
