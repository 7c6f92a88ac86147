package io.driftloop.contracts.events;

import java.time.Instant;

/**
 * How data-prep decided a dataset, with the spec's {@code training.data} strategy: the rows are the
 * model's examples inside the dataset's offset ranges, except, for {@code mixed}, those before
 * {@code dataSince} whose split is test. With the ranges this defines the rows exactly.
 *
 * @param strategy        {@code post-drift}, {@code sliding-window} or {@code mixed}
 * @param dataSince       the drift point the request named (null: none)
 * @param windowSize      sliding-window: the newest examples kept
 * @param preDriftShare   mixed: the share asked for from before the drift point
 * @param postDriftRows   rows at or after {@code dataSince} (all rows when it is null)
 * @param preDriftRows    rows before it
 * @param parentVersion   the champion when the dataset was cut (null: none)
 * @param parentSha256    its artifact's SHA-256
 */
public record DatasetCut(String strategy, Instant dataSince, Integer windowSize, Double preDriftShare,
                         int postDriftRows, int preDriftRows, Integer parentVersion, String parentSha256) {
}
