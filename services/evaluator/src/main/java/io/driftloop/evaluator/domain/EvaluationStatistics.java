package io.driftloop.evaluator.domain;

import java.util.List;
import java.util.Map;

/**
 * Every figure of one evaluation, each with its bootstrap percentile interval at {@code confidence}
 * over {@code resamples} resamples drawn from {@code seed}, and the candidate's and the champion's
 * ROC, precision–recall and calibration curves on the test rows (point estimates, not resampled).
 *
 * @param candidate        the candidate's metrics
 * @param champion         the champion's metrics on the same rows and resamples (null without champion)
 * @param baseline         the constant-prior baseline's metrics on the same rows
 * @param versusChampion   candidate − champion per metric, paired (same resamples), null without champion
 * @param versusBaseline   candidate − baseline per metric, paired
 * @param mcnemar          McNemar's test of the candidate's and the champion's accuracy (null without champion)
 * @param slices           the candidate per value of every attribute and categorical feature
 * @param fairness         the candidate's fairness per sensitive attribute (and intersection)
 * @param championFairness the champion's, same measures, point values only (intervals absent); null without champion
 * @param curves           the candidate's and the champion's curves, for plotting (since report version 4)
 */
public record EvaluationStatistics(int rows, long seed, int resamples, double confidence, double prior,
                                   MetricSet candidate, MetricSet champion, MetricSet baseline,
                                   Map<String, Estimate> versusChampion, Map<String, Estimate> versusBaseline,
                                   McNemar mcnemar, List<Slice> slices, List<AttributeFairness> fairness,
                                   List<AttributeFairness> championFairness, Curves curves) {

    public AttributeFairness fairness(String attribute) {
        return fairness.stream().filter(f -> f.attribute().equals(attribute)).findFirst().orElse(null);
    }
}
