package io.driftloop.contracts.spec;

/**
 * Which data a retraining learns from, under {@code training.data}.
 *
 * @param strategy      post-drift (default), sliding-window or mixed
 * @param windowSize    sliding-window: the newest examples kept (default 5000)
 * @param preDriftShare mixed: the share of the dataset taken from before the drift point, in [0, 0.9]
 *                      (default 0.5)
 */
public record DataSpec(DataStrategy strategy, Integer windowSize, Double preDriftShare) {

    public static final DataSpec DEFAULTS = new DataSpec(DataStrategy.POST_DRIFT, 5000, 0.5);

    DataSpec withDefaults() {
        return new DataSpec(strategy == null ? DEFAULTS.strategy : strategy,
                windowSize == null ? DEFAULTS.windowSize : windowSize,
                preDriftShare == null ? DEFAULTS.preDriftShare : preDriftShare);
    }
}
