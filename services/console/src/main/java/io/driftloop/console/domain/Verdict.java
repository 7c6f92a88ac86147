package io.driftloop.console.domain;

/** A status and the rule that produced it, as a sentence with the figures. */
public record Verdict(LagStatus status, String rule) {
}
