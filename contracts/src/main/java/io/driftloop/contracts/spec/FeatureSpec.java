package io.driftloop.contracts.spec;

import java.util.List;

/**
 * A model input. Categorical features list their known {@code values}; a value outside the list is
 * encoded as "unknown" rather than rejected.
 *
 * @param driftTest      this feature's drift test, overriding {@code drift.numericTest} / {@code drift.categoricalTest};
 *                       null = the drift section's choice
 * @param driftThreshold this feature's threshold (a p-value for KS and chi-square, a distance otherwise), overriding
 *                       {@code drift.pValue} / {@code drift.distanceThreshold}; needs a test that is not {@code auto};
 *                       null = the drift section's threshold
 * @param driftWeight    weight of the feature in the share of drifted features, at least 0; null = 1
 */
public record FeatureSpec(String name, FeatureType type, List<String> values, DriftTest driftTest,
                          Double driftThreshold, Double driftWeight) {

    public FeatureSpec {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** A feature with the drift section's test, threshold and weight 1. */
    public FeatureSpec(String name, FeatureType type, List<String> values) {
        this(name, type, values, null, null, null);
    }

    public boolean numeric() {
        return type == FeatureType.NUMERIC;
    }

    /** The weight of the feature in the share of drifted features: {@code driftWeight}, or 1 when absent. */
    public double weight() {
        return driftWeight == null ? 1.0 : driftWeight;
    }

    /** The test this feature is compared by: its own {@code driftTest}, else the drift section's one for its type. */
    public DriftTest driftTest(DriftSpec drift) {
        if (driftTest != null) {
            return driftTest;
        }
        return numeric() ? drift.numericTest() : drift.categoricalTest();
    }
}
