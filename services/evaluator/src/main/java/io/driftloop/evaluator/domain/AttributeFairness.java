package io.driftloop.evaluator.domain;

import java.util.List;
import java.util.Map;

/**
 * The fairness of one model across the groups of one sensitive attribute (or an intersection such
 * as {@code gender×region}): every group, and every measure (keyed by {@link FairnessMeasure#key()})
 * with its bootstrap interval.
 */
public record AttributeFairness(String attribute, int minGroupSize, List<GroupRates> groups,
                                Map<String, Estimate> measures) {

    public AttributeFairness {
        groups = List.copyOf(groups);
        measures = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(measures));
    }

    public Estimate get(FairnessMeasure measure) {
        return measures.get(measure.key());
    }
}
