package io.driftloop.evaluator.domain;

import io.driftloop.contracts.dataset.DatasetRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One model's figures on a set of test rows: accuracy, ROC-AUC (NaN when the rows hold one class
 * only) and the demographic parity report of each sensitive attribute.
 */
public record Scorecard(int rows, double accuracy, double rocAuc, Map<String, ParityReport> parity) {

    public static final String ACCURACY = "accuracy";
    public static final String ROC_AUC = "rocAuc";
    public static final String DEMOGRAPHIC_PARITY_DIFFERENCE = "demographicParityDifference";

    public Scorecard {
        parity = Map.copyOf(parity);
    }

    /** Metric key of an attribute's demographic parity difference. */
    public static String parityKey(String attribute) {
        return DEMOGRAPHIC_PARITY_DIFFERENCE + "." + attribute;
    }

    /**
     * Scores {@code rows} with the given probabilities of label 1 (one per row, in order).
     *
     * @param sensitiveAttributes attributes whose demographic parity is measured
     * @param minGroupSize        groups smaller than this are reported but not gated
     */
    public static Scorecard of(List<DatasetRow> rows, double[] probabilities, List<String> sensitiveAttributes,
                               int minGroupSize) {
        if (rows.size() != probabilities.length) {
            throw new IllegalArgumentException(rows.size() + " rows but " + probabilities.length + " probabilities");
        }
        int[] labels = rows.stream().mapToInt(DatasetRow::label).toArray();
        boolean[] positive = new boolean[probabilities.length];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = ClassificationMetrics.predictedPositive(probabilities[i]);
        }
        Map<String, ParityReport> parity = new LinkedHashMap<>();
        for (String attribute : sensitiveAttributes) {
            List<String> groups = new ArrayList<>(rows.size());
            for (DatasetRow row : rows) {
                groups.add(row.attributes() == null ? null : row.attributes().get(attribute));
            }
            parity.put(attribute, DemographicParity.of(attribute, groups, positive, minGroupSize));
        }
        return new Scorecard(rows.size(), ClassificationMetrics.accuracy(labels, probabilities),
                ClassificationMetrics.rocAuc(labels, probabilities), parity);
    }

    /**
     * The figures as published: {@code accuracy}, {@code rocAuc} and
     * {@code demographicParityDifference.<attribute>}, sorted by key. An undefined ROC-AUC is left
     * out rather than written as a non-number.
     */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new TreeMap<>();
        m.put(ACCURACY, accuracy);
        if (!Double.isNaN(rocAuc)) {
            m.put(ROC_AUC, rocAuc);
        }
        parity.forEach((attribute, report) -> m.put(parityKey(attribute), report.difference()));
        return m;
    }
}
