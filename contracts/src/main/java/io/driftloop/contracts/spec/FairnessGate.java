package io.driftloop.contracts.spec;

import java.util.List;

/**
 * One fairness gate declared in {@code gates.fairness}.
 *
 * @param metric         the measure
 * @param threshold      at most this for a difference, at least this for a ratio (defaults:
 *                       {@code gates.maxDemographicParityDifference} for differences, 0.8 for the ratio)
 * @param attributes     the sensitive attributes it applies to; absent = every sensitive attribute
 * @param referenceGroup for {@link FairnessMetric#DISPARATE_IMPACT_RATIO} only: divide by this group's rate
 *                       instead of taking smallest ÷ largest
 * @param on             point estimate (default) or the conservative end of the bootstrap interval
 */
public record FairnessGate(
        FairnessMetric metric, Double threshold, List<String> attributes, String referenceGroup, GateBound on) {

    public static final double FOUR_FIFTHS = 0.8;

    FairnessGate withDefaults(double maxDifference) {
        return new FairnessGate(metric,
                threshold != null ? threshold : metric != null && metric.ratio() ? FOUR_FIFTHS : maxDifference,
                attributes == null ? null : List.copyOf(attributes),
                referenceGroup,
                on == null ? GateBound.POINT : on);
    }
}
