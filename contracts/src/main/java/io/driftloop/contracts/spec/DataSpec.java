package io.driftloop.contracts.spec;

/**
 * Which data a retraining learns from, under {@code training.data}.
 *
 * @param strategy      post-drift (default), sliding-window, mixed or recency-weighted
 * @param windowSize    sliding-window: the newest examples kept (default 5000)
 * @param preDriftShare mixed: the share of the dataset taken from before the drift point, in [0, 0.9]
 *                      (default 0.5)
 * @param halfLife      recency-weighted: examples back from the newest over which a row's weight halves
 *                      (default 1000)
 */
public record DataSpec(DataStrategy strategy, Integer windowSize, Double preDriftShare, Integer halfLife) {

    public static final DataSpec DEFAULTS = new DataSpec(DataStrategy.POST_DRIFT, 5000, 0.5, 1000);

    /** The settings that predate recency weights; the half-life is left to its default. */
    public DataSpec(DataStrategy strategy, Integer windowSize, Double preDriftShare) {
        this(strategy, windowSize, preDriftShare, null);
    }

    DataSpec withDefaults() {
        return new DataSpec(strategy == null ? DEFAULTS.strategy : strategy,
                windowSize == null ? DEFAULTS.windowSize : windowSize,
                preDriftShare == null ? DEFAULTS.preDriftShare : preDriftShare,
                halfLife == null ? DEFAULTS.halfLife : halfLife);
    }
}
