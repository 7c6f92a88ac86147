package io.driftloop.evaluator.domain;

import io.driftloop.contracts.spec.GateSpec;

/**
 * The thresholds a candidate is held to, from a spec's {@code gates} section (defaults for what it
 * leaves out), plus the service-wide minimum group size of the fairness gate.
 *
 * @param minAccuracy                    accuracy must be at least this
 * @param minRocAuc                      ROC-AUC must be at least this
 * @param maxDegradation                 accuracy and ROC-AUC may trail the champion's by at most this
 * @param maxDemographicParityDifference each sensitive attribute's gap must be at most this
 * @param minGroupSize                   groups with fewer rows are reported but not gated
 */
public record GatePolicy(double minAccuracy, double minRocAuc, double maxDegradation,
                         double maxDemographicParityDifference, int minGroupSize) {

    public GatePolicy {
        if (minGroupSize < 1) {
            throw new IllegalArgumentException("minGroupSize must be at least 1, was " + minGroupSize);
        }
    }

    public static GatePolicy of(GateSpec gates, int minGroupSize) {
        GateSpec g = gates == null ? GateSpec.DEFAULTS : gates;
        GateSpec d = GateSpec.DEFAULTS;
        return new GatePolicy(
                g.minAccuracy() == null ? d.minAccuracy() : g.minAccuracy(),
                g.minRocAuc() == null ? d.minRocAuc() : g.minRocAuc(),
                g.maxDegradation() == null ? d.maxDegradation() : g.maxDegradation(),
                g.maxDemographicParityDifference() == null
                        ? d.maxDemographicParityDifference() : g.maxDemographicParityDifference(),
                minGroupSize);
    }
}
