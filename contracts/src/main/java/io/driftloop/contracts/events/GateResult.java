package io.driftloop.contracts.events;

/**
 * The verdict of one gate: which metric, its value, the threshold it was held to, and a sentence
 * saying why it passed or failed.
 */
public record GateResult(String gate, String metric, double value, double threshold, boolean passed, String detail) {
}
