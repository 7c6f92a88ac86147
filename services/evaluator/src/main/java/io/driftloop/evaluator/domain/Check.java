package io.driftloop.evaluator.domain;

import io.driftloop.contracts.events.GateResult;

/**
 * A gate's published result and, when it failed, the short phrase the verdict's summary quotes
 * (e.g. {@code fairness.gender 0.310 > 0.250}).
 */
public record Check(GateResult result, String shortfall) {

    public boolean passed() {
        return result.passed();
    }
}
