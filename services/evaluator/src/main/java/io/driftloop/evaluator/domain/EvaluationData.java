package io.driftloop.evaluator.domain;

import java.util.List;

/**
 * What the statistics of one evaluation are computed from: the test rows' labels, the candidate's
 * and (when there is one) the champion's P(label = 1) on the same rows, the constant score of the
 * baseline, the columns to slice by and the sensitive columns with the fairness measures to
 * estimate on them.
 *
 * @param labels       1 = positive, anything else negative
 * @param champion     null when there is no champion (or it could not be scored)
 * @param prior        the baseline's constant score: the training split's share of positives
 * @param slices       attributes and categorical features, each value a slice
 * @param sensitive    sensitive attributes (and their intersections), each value a fairness group
 * @param measures     fairness measures estimated on every sensitive column (include {@link FairnessMeasure#STANDARD})
 * @param minSliceSize slices with fewer rows are reported without metrics
 * @param minGroupSize groups with fewer rows are reported but not counted in fairness measures
 */
public record EvaluationData(int[] labels, double[] candidate, double[] champion, double prior,
                             List<Column> slices, List<Column> sensitive, List<FairnessMeasure> measures,
                             int minSliceSize, int minGroupSize) {

    public EvaluationData {
        if (candidate.length != labels.length || (champion != null && champion.length != labels.length)) {
            throw new IllegalArgumentException(labels.length + " labels but " + candidate.length + " candidate and "
                    + (champion == null ? "no" : champion.length) + " champion scores");
        }
        slices = List.copyOf(slices);
        sensitive = List.copyOf(sensitive);
        measures = List.copyOf(new java.util.LinkedHashSet<>(measures));
        for (Column c : slices) {
            requireLength(c, labels.length);
        }
        for (Column c : sensitive) {
            requireLength(c, labels.length);
        }
    }

    private static void requireLength(Column c, int n) {
        if (c.values().length != n) {
            throw new IllegalArgumentException("column " + c.name() + " has " + c.values().length + " values for " + n + " rows");
        }
    }

    public int rows() {
        return labels.length;
    }
}
