package io.driftloop.contracts.spec;

/** Context kept with each event but never fed to the model; {@code sensitive} ones are fairness-gated. */
public record AttributeSpec(String name, boolean sensitive) {
}
