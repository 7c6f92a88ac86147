package io.driftloop.contracts.spec;

/**
 * Gates a candidate must pass to be promoted.
 *
 * @param minAccuracy                     absolute minimum accuracy on the test split
 * @param minRocAuc                       absolute minimum ROC-AUC on the test split
 * @param maxDegradation                  the candidate's accuracy and ROC-AUC may be below the
 *                                        champion's (same test rows) by at most this much
 * @param maxDemographicParityDifference  largest allowed gap in positive-prediction rate between
 *                                        the groups of any sensitive attribute
 */
public record GateSpec(
        Double minAccuracy,
        Double minRocAuc,
        Double maxDegradation,
        Double maxDemographicParityDifference) {

    public static final GateSpec DEFAULTS = new GateSpec(0.6, 0.6, 0.01, 0.25);

    GateSpec withDefaults() {
        return new GateSpec(
                minAccuracy == null ? DEFAULTS.minAccuracy : minAccuracy,
                minRocAuc == null ? DEFAULTS.minRocAuc : minRocAuc,
                maxDegradation == null ? DEFAULTS.maxDegradation : maxDegradation,
                maxDemographicParityDifference == null
                        ? DEFAULTS.maxDemographicParityDifference : maxDemographicParityDifference);
    }
}
