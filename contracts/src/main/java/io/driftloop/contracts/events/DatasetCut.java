package io.driftloop.contracts.events;

import java.time.Instant;

/**
 * How data-prep decided a dataset, with the spec's {@code training.data} strategy: the rows are the
 * model's examples inside the dataset's offset ranges, except, for {@code mixed} and
 * {@code recency-weighted}, those before {@code dataSince} whose split is test. With the ranges this
 * defines the rows exactly.
 *
 * @param strategy        {@code post-drift}, {@code sliding-window}, {@code mixed} or {@code recency-weighted}
 * @param dataSince       the drift point the request named (null: none)
 * @param windowSize      sliding-window: the newest examples kept
 * @param preDriftShare   mixed: the share asked for from before the drift point
 * @param postDriftRows   rows at or after {@code dataSince} (all rows when it is null)
 * @param preDriftRows    rows before it
 * @param parentVersion   the champion when the dataset was cut (null: none)
 * @param parentSha256    its artifact's SHA-256
 * @param halfLife        recency-weighted: examples back from the newest over which a row's weight halves
 *                        (each row's weight is in the dataset)
 * @param dataFrom        recency-weighted: the examples drawn on start at this time, the champion's promotion
 *                        (null: every example)
 */
public record DatasetCut(String strategy, Instant dataSince, Integer windowSize, Double preDriftShare,
                         int postDriftRows, int preDriftRows, Integer parentVersion, String parentSha256,
                         Integer halfLife, Instant dataFrom) {

    /** A cut of a strategy without recency weights. */
    public DatasetCut(String strategy, Instant dataSince, Integer windowSize, Double preDriftShare,
                      int postDriftRows, int preDriftRows, Integer parentVersion, String parentSha256) {
        this(strategy, dataSince, windowSize, preDriftShare, postDriftRows, preDriftRows, parentVersion, parentSha256,
                null, null);
    }
}
