package io.driftloop.contracts.spec;

import java.util.List;

/**
 * What a model is and how Driftloop keeps it fresh; see {@link ModelSpecs} to parse and validate
 * one. Once parsed every section is present, with defaults for what the document left out.
 */
public record ModelSpec(
        String name,
        Task task,
        String label,
        List<FeatureSpec> features,
        List<AttributeSpec> attributes,
        DriftSpec drift,
        TrainingSpec training,
        GateSpec gates,
        Promotion promotion) {

    public ModelSpec {
        features = features == null ? List.of() : List.copyOf(features);
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    /** Every section filled in, with defaults for what was left out. */
    public ModelSpec withDefaults() {
        return new ModelSpec(name, task, label == null ? "label" : label, features, attributes,
                (drift == null ? DriftSpec.DEFAULTS : drift).withDefaults(),
                (training == null ? TrainingSpec.DEFAULTS : training).withDefaults(),
                (gates == null ? GateSpec.DEFAULTS : gates).withDefaults(),
                promotion == null ? Promotion.AUTO : promotion);
    }

    public List<AttributeSpec> sensitiveAttributes() {
        return attributes.stream().filter(AttributeSpec::sensitive).toList();
    }
}
