package io.driftloop.evaluator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Demographic parity difference: max minus min positive-prediction rate over the groups of one
 * sensitive attribute. Only groups with at least {@code minGroupSize} rows count, so a handful of
 * rows cannot fail (or pass) a model by chance; a row without the attribute belongs to the group
 * {@value #MISSING}.
 */
public final class DemographicParity {

    /** Group of the rows that do not carry the attribute. */
    public static final String MISSING = "(missing)";

    private DemographicParity() {
    }

    /**
     * @param groups    each row's value of the attribute, null when absent
     * @param positive  each row's prediction (true = label 1)
     */
    public static ParityReport of(String attribute, List<String> groups, boolean[] positive, int minGroupSize) {
        if (groups.size() != positive.length) {
            throw new IllegalArgumentException(groups.size() + " group values but " + positive.length + " predictions");
        }
        Map<String, int[]> counts = new TreeMap<>();
        for (int i = 0; i < positive.length; i++) {
            String group = groups.get(i) == null ? MISSING : groups.get(i);
            int[] c = counts.computeIfAbsent(group, g -> new int[2]);
            c[0]++;
            if (positive[i]) {
                c[1]++;
            }
        }
        List<GroupRate> rates = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int gated = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            GroupRate rate = new GroupRate(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[0] >= minGroupSize);
            rates.add(rate);
            if (rate.gated()) {
                gated++;
                min = Math.min(min, rate.rate());
                max = Math.max(max, rate.rate());
            }
        }
        return new ParityReport(attribute, minGroupSize, rates, gated < 2 ? 0 : max - min);
    }
}
