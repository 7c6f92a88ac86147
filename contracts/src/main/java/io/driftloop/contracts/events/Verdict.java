package io.driftloop.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The outcome of an evaluation. {@link #UNDECIDABLE} means no gate failed on a measured figure but
 * at least one could not be measured on the test rows there were (a fairness group below
 * {@code gates.minGroupSize}, a test split with one class only, no test rows): not a judgement on the
 * candidate, so the trigger retries with more data rather than counting it as a final failure.
 */
public enum Verdict {
    @JsonProperty("passed") PASSED,
    @JsonProperty("failed") FAILED,
    @JsonProperty("undecidable") UNDECIDABLE
}
