package io.driftloop.driftdetector.domain;

import io.driftloop.contracts.spec.FeatureSpec;
import io.driftloop.contracts.spec.ModelSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The features of one model spec by position: slot {@code i} is the spec's {@code i}-th feature, so
 * an {@link Observation} carries its values in arrays and a {@link Window} finds the sketch or counts
 * of a feature by index instead of by name. A name the spec lists twice is read into its first slot.
 * Immutable and thread-safe; built once per spec.
 */
public final class FeatureLayout {

    private final ModelSpec spec;
    private final String[] names;
    private final Map<String, Integer> slots;

    private FeatureLayout(ModelSpec spec) {
        this.spec = spec;
        List<FeatureSpec> features = spec.features();
        this.names = new String[features.size()];
        this.slots = new HashMap<>(features.size() * 2);
        for (int i = 0; i < names.length; i++) {
            names[i] = features.get(i).name();
            slots.putIfAbsent(names[i], i);
        }
    }

    public static FeatureLayout of(ModelSpec spec) {
        return new FeatureLayout(spec);
    }

    /** The spec this layout was built from (compared by identity to tell whether it is still current). */
    public ModelSpec spec() {
        return spec;
    }

    /** Number of slots: the spec's features. */
    public int size() {
        return names.length;
    }

    /** The feature name of slot {@code i}. */
    public String name(int i) {
        return names[i];
    }

    /** The slot of feature {@code name}, or -1 when the spec has no such feature. */
    public int slot(String name) {
        Integer i = slots.get(name);
        return i == null ? -1 : i;
    }
}
