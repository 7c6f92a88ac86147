package io.driftloop.contracts.spec;

import java.util.List;

/**
 * A model input. Categorical features list their known {@code values}; a value outside the list is
 * encoded as "unknown" rather than rejected.
 */
public record FeatureSpec(String name, FeatureType type, List<String> values) {

    public FeatureSpec {
        values = values == null ? List.of() : List.copyOf(values);
    }

    public boolean numeric() {
        return type == FeatureType.NUMERIC;
    }
}
