package io.driftloop.contracts.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which labelled examples a retraining learns from (see {@link DataSpec}). */
public enum DataStrategy {
    /** Only examples since the drift point (the request's data start); all examples for a bootstrap. */
    @JsonProperty("post-drift") POST_DRIFT("post-drift"),
    /** The newest {@code windowSize} examples, whatever the drift point. */
    @JsonProperty("sliding-window") SLIDING_WINDOW("sliding-window"),
    /**
     * The examples since the drift point plus the newest ones before it, making up
     * {@code preDriftShare} of the dataset; examples before the drift point never enter its test split
     * (the test split measures the world after the drift).
     */
    @JsonProperty("mixed") MIXED("mixed"),
    /**
     * Every example since the champion was promoted (all examples when there is none), the newest
     * weighted most: a row's weight halves every {@code halfLife} examples back from the newest.
     * Examples before the drift point never enter its test split.
     */
    @JsonProperty("recency-weighted") RECENCY_WEIGHTED("recency-weighted");

    private final String wireName;

    DataStrategy(String wireName) {
        this.wireName = wireName;
    }

    /** Whether examples before the drift point join the dataset (and are kept out of its test split). */
    public boolean drawsBeforeDrift() {
        return this == MIXED || this == RECENCY_WEIGHTED;
    }

    /** The name as written in the spec and in {@code DatasetCut.strategy}. */
    public String wireName() {
        return wireName;
    }
}
