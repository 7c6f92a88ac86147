package io.driftloop.contracts.events;

/** Rows in each split of a dataset. */
public record SplitCounts(int train, int validation, int test) {

    public int total() {
        return train + validation + test;
    }
}
