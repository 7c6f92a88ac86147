package io.driftloop.evaluator.domain;

import io.driftloop.contracts.spec.QualityMetric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Computes an evaluation's {@link EvaluationStatistics}. Each model's scores are sorted once; each
 * bootstrap resample is a vector of multiplicity counts, and every metric of the candidate, the
 * champion, the baseline, every slice and every fairness group is one weighted pass over the
 * pre-sorted rows with those counts. Resamples are independent (seeded by index) and run in
 * parallel; the result does not depend on the number of threads. Stateless and thread-safe.
 */
public final class Statistics {

    private Statistics() {
    }

    public static EvaluationStatistics compute(EvaluationData data, long seed, int resamples, double confidence) {
        int n = data.rows();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = data.labels()[i] == 1 ? 1 : 0;
        }
        RankedScores candidate = RankedScores.of(labels, data.candidate(), null);
        RankedScores champion = data.champion() == null ? null : RankedScores.of(labels, data.champion(), null);
        int[] predicted = predictions(data.candidate());

        List<SliceRows> slices = new ArrayList<>();
        for (Column column : data.slices()) {
            Map<String, List<Integer>> byValue = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                byValue.computeIfAbsent(column.values()[i], v -> new ArrayList<>()).add(i);
            }
            byValue.forEach((value, rows) -> slices.add(new SliceRows(column.name(), value, rows.size(),
                    rows.size() >= data.minSliceSize()
                            ? RankedScores.of(labels, data.candidate(), rows.stream().mapToInt(Integer::intValue).toArray())
                            : null)));
        }
        List<GroupCounts> groups = data.sensitive().stream().map(c -> GroupCounts.of(c, labels, data.minGroupSize())).toList();

        int[] ones = new int[n];
        Arrays.fill(ones, 1);
        double[] candidatePoint = measure(candidate, ones);
        double[] championPoint = champion == null ? null : measure(champion, ones);
        double[] baselinePoint = baseline(data.prior(), candidatePoint, new double[Metrics.SIZE]);

        double[][] candidateR = new double[resamples][Metrics.SIZE];
        double[][] championR = champion == null ? null : new double[resamples][Metrics.SIZE];
        double[][] baselineR = new double[resamples][Metrics.SIZE];
        double[][][] sliceR = new double[slices.size()][][];
        for (int s = 0; s < slices.size(); s++) {
            sliceR[s] = slices.get(s).ranked == null ? null : new double[resamples][Metrics.SIZE];
        }
        long[][][] groupR = new long[groups.size()][resamples][];
        ThreadLocal<int[]> countsOfThread = ThreadLocal.withInitial(() -> new int[n]);
        IntStream.range(0, resamples).parallel().forEach(b -> {
            int[] counts = countsOfThread.get();
            Bootstrap.draw(counts, seed, b);
            candidate.measure(counts, candidateR[b]);
            if (champion != null) {
                champion.measure(counts, championR[b]);
            }
            baseline(data.prior(), candidateR[b], baselineR[b]);
            for (int s = 0; s < sliceR.length; s++) {
                if (sliceR[s] != null) {
                    slices.get(s).ranked.measure(counts, sliceR[s][b]);
                }
            }
            for (int a = 0; a < groups.size(); a++) {
                groupR[a][b] = tally(groups.get(a), counts, labels, predicted);
            }
        });

        MetricSet candidateSet = metricSet(candidatePoint, candidateR, confidence);
        MetricSet championSet = champion == null ? null : metricSet(championPoint, championR, confidence);
        MetricSet baselineSet = metricSet(baselinePoint, baselineR, confidence);
        Map<String, Estimate> versusChampion = champion == null ? null
                : differences(candidatePoint, championPoint, candidateR, championR, confidence);
        Map<String, Estimate> versusBaseline = differences(candidatePoint, baselinePoint, candidateR, baselineR, confidence);
        int[] championPredicted = champion == null ? null : predictions(data.champion());
        McNemar mcnemar = champion == null ? null : mcnemar(labels, predicted, championPredicted);

        List<Slice> sliceReports = new ArrayList<>();
        for (int s = 0; s < slices.size(); s++) {
            SliceRows rows = slices.get(s);
            sliceReports.add(new Slice(rows.dimension, rows.value, rows.size,
                    rows.ranked == null ? null : metricSet(measure(rows.ranked, ones), sliceR[s], confidence)));
        }

        List<AttributeFairness> fairness = new ArrayList<>();
        List<AttributeFairness> championFairness = champion == null ? null : new ArrayList<>();
        for (int a = 0; a < groups.size(); a++) {
            GroupCounts g = groups.get(a);
            fairness.add(fairness(g, tally(g, ones, labels, predicted), groupR[a], data.measures(), confidence));
            if (champion != null) {
                championFairness.add(fairness(g, tally(g, ones, labels, championPredicted), null, data.measures(), confidence));
            }
        }
        return new EvaluationStatistics(n, seed, resamples, confidence, data.prior(), candidateSet, championSet,
                baselineSet, versusChampion, versusBaseline, mcnemar, sliceReports, fairness, championFairness,
                Curves.of(candidate, champion));
    }

    private record SliceRows(String dimension, String value, int size, RankedScores ranked) {
    }

    static int[] predictions(double[] probabilities) {
        int[] p = new int[probabilities.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = ClassificationMetrics.predictedPositive(probabilities[i]) ? 1 : 0;
        }
        return p;
    }

    private static double[] measure(RankedScores scores, int[] counts) {
        double[] out = new double[Metrics.SIZE];
        scores.measure(counts, out);
        return out;
    }

    /**
     * The constant-prior baseline on the same (weighted) rows, from the candidate's positive and negative
     * counts, into {@code out}; returns {@code out}.
     */
    private static double[] baseline(double prior, double[] candidate, double[] out) {
        RankedScores.measureConstant(prior, (long) (candidate[Metrics.TP] + candidate[Metrics.FN]),
                (long) (candidate[Metrics.TN] + candidate[Metrics.FP]), out);
        return out;
    }

    private static long[] tally(GroupCounts g, int[] counts, int[] labels, int[] predicted) {
        long[] cells = new long[g.groups() * GroupCounts.CELLS];
        g.tally(counts, labels, predicted, cells);
        return cells;
    }

    private static MetricSet metricSet(double[] point, double[][] resampled, double confidence) {
        Map<String, Estimate> m = new LinkedHashMap<>();
        double[] column = new double[resampled.length];
        for (QualityMetric metric : QualityMetric.values()) {
            int k = metric.ordinal();
            for (int b = 0; b < resampled.length; b++) {
                column[b] = resampled[b][k];
            }
            m.put(metric.wireName(), Estimate.of(point[k], Percentiles.interval(column, confidence)));
        }
        return new MetricSet(m, ConfusionMatrix.of(point));
    }

    private static Map<String, Estimate> differences(double[] a, double[] b, double[][] aR, double[][] bR,
                                                     double confidence) {
        Map<String, Estimate> m = new TreeMap<>();
        double[] column = new double[aR.length];
        for (QualityMetric metric : QualityMetric.values()) {
            int k = metric.ordinal();
            for (int r = 0; r < aR.length; r++) {
                column[r] = aR[r][k] - bR[r][k];
            }
            m.put(metric.wireName(), Estimate.of(a[k] - b[k], Percentiles.interval(column, confidence)));
        }
        return m;
    }

    private static McNemar mcnemar(int[] labels, int[] candidate, int[] champion) {
        long candidateOnly = 0;
        long championOnly = 0;
        for (int i = 0; i < labels.length; i++) {
            boolean c = candidate[i] == labels[i];
            boolean h = champion[i] == labels[i];
            if (c && !h) {
                candidateOnly++;
            } else if (h && !c) {
                championOnly++;
            }
        }
        return McNemar.test(candidateOnly, championOnly);
    }

    private static AttributeFairness fairness(GroupCounts g, long[] point, long[][] resampled,
                                              List<FairnessMeasure> measures, double confidence) {
        List<GroupRates> rates = new ArrayList<>();
        for (int k = 0; k < g.groups(); k++) {
            int o = k * GroupCounts.CELLS;
            rates.add(new GroupRates(g.names.get(k), g.size[k], g.gated[k], g.positives[k],
                    point[o + GroupCounts.FP] + point[o + GroupCounts.TP],
                    orNull(FairnessMeasure.Rate.SELECTION.of(point, k)),
                    orNull(FairnessMeasure.Rate.TRUE_POSITIVE.of(point, k)),
                    orNull(FairnessMeasure.Rate.FALSE_POSITIVE.of(point, k))));
        }
        Map<String, Estimate> m = new HashMap<>();
        for (FairnessMeasure measure : measures) {
            double[] interval = null;
            if (resampled != null) {
                double[] column = new double[resampled.length];
                for (int b = 0; b < resampled.length; b++) {
                    column[b] = measure.value(resampled[b], g);
                }
                interval = Percentiles.interval(column, confidence);
            }
            m.put(measure.key(), Estimate.of(measure.value(point, g), interval));
        }
        return new AttributeFairness(g.attribute, g.minGroupSize, rates, m);
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
