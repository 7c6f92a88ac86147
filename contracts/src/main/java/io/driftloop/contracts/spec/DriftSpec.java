package io.driftloop.contracts.spec;

import java.time.Duration;

/**
 * When the drift-detector requests a retraining.
 *
 * @param windowSize           inference events per window compared with the reference profile
 * @param pValue               a feature drifts when its test's p-value, adjusted by {@code correction}, is below this
 * @param shareThreshold       the window drifts when at least this share of features drifted, in (0, 1]
 * @param cooldown             no second retrain request for a model within this time
 * @param bootstrapExamples    labelled examples needed before a spec's first model is requested
 * @param retrainExamples      labelled examples after the drift point a retraining waits for
 * @param referenceSampleSize  values kept per numeric feature in the reference profile
 * @param hysteresis           consecutive drifted windows of the same champion before a drift request, at least 1
 * @param inFlightTimeout      how long an unanswered retrain request blocks further automatic requests
 * @param maxModelAge          a champion promoted longer ago than this is retrained on schedule; null = never
 * @param correction           adjustment of the p-values of a window's features for testing many at once
 * @param windowDuration       windows also close by time: the first event at or after a window's start plus
 *                             this closes it (event time); null = windows by count only
 * @param numericTest          test of numeric features ({@code auto}: KS up to 1000 reference values, else Wasserstein)
 * @param categoricalTest      test of categorical features ({@code auto}: chi-square up to 1000 reference values,
 *                             else Jensen–Shannon)
 * @param distanceThreshold    a feature compared by a distance (Wasserstein, Jensen–Shannon, PSI) drifts when the
 *                             distance is at least this, positive
 * @param maxAttempts          requests made for one trigger at most: after a failed or undecidable verdict the
 *                             trigger stays armed and asks again once the labelled examples have doubled, until
 *                             this many attempts were made (default 3, at least 1)
 * @param alarmRate            a window drifts only when its features' p-values, combined by Simes' test (the
 *                             smallest Benjamini–Hochberg q-value), are below this too: the share of windows of
 *                             an unchanged stream judged drifted is at most this, however few features the spec
 *                             has (default 0.01, in (0, 1]; 1 leaves the decision to {@code shareThreshold})
 */
public record DriftSpec(
        Integer windowSize,
        Double pValue,
        Double shareThreshold,
        Duration cooldown,
        Integer bootstrapExamples,
        Integer retrainExamples,
        Integer referenceSampleSize,
        Integer hysteresis,
        Duration inFlightTimeout,
        Duration maxModelAge,
        Correction correction,
        Duration windowDuration,
        DriftTest numericTest,
        DriftTest categoricalTest,
        Double distanceThreshold,
        Integer maxAttempts,
        Double alarmRate) {

    public static final DriftSpec DEFAULTS = new DriftSpec(500, 0.05, 0.3, Duration.ofMinutes(10), 1000, 1000, 2000,
            1, Duration.ofHours(1), null, Correction.BENJAMINI_HOCHBERG, null, DriftTest.AUTO, DriftTest.AUTO, 0.1, 3,
            0.01);

    /** The settings that predate the window's alarm rate; it is left to its default. */
    public DriftSpec(Integer windowSize, Double pValue, Double shareThreshold, Duration cooldown,
                     Integer bootstrapExamples, Integer retrainExamples, Integer referenceSampleSize,
                     Integer hysteresis, Duration inFlightTimeout, Duration maxModelAge, Correction correction,
                     Duration windowDuration, DriftTest numericTest, DriftTest categoricalTest,
                     Double distanceThreshold, Integer maxAttempts) {
        this(windowSize, pValue, shareThreshold, cooldown, bootstrapExamples, retrainExamples, referenceSampleSize,
                hysteresis, inFlightTimeout, maxModelAge, correction, windowDuration, numericTest, categoricalTest,
                distanceThreshold, maxAttempts, null);
    }

    /** The settings that predate retry attempts; the attempts are left to their default. */
    public DriftSpec(Integer windowSize, Double pValue, Double shareThreshold, Duration cooldown,
                     Integer bootstrapExamples, Integer retrainExamples, Integer referenceSampleSize,
                     Integer hysteresis, Duration inFlightTimeout, Duration maxModelAge, Correction correction,
                     Duration windowDuration, DriftTest numericTest, DriftTest categoricalTest,
                     Double distanceThreshold) {
        this(windowSize, pValue, shareThreshold, cooldown, bootstrapExamples, retrainExamples, referenceSampleSize,
                hysteresis, inFlightTimeout, maxModelAge, correction, windowDuration, numericTest, categoricalTest,
                distanceThreshold, null, null);
    }

    /** The settings that predate time windows and the choice of test; those are left to their defaults. */
    public DriftSpec(Integer windowSize, Double pValue, Double shareThreshold, Duration cooldown,
                     Integer bootstrapExamples, Integer retrainExamples, Integer referenceSampleSize,
                     Integer hysteresis, Duration inFlightTimeout, Duration maxModelAge, Correction correction) {
        this(windowSize, pValue, shareThreshold, cooldown, bootstrapExamples, retrainExamples, referenceSampleSize,
                hysteresis, inFlightTimeout, maxModelAge, correction, null, null, null, null);
    }

    /** The settings that predate the choice of test; the tests are left to their defaults. */
    public DriftSpec(Integer windowSize, Double pValue, Double shareThreshold, Duration cooldown,
                     Integer bootstrapExamples, Integer retrainExamples, Integer referenceSampleSize,
                     Integer hysteresis, Duration inFlightTimeout, Duration maxModelAge, Correction correction,
                     Duration windowDuration) {
        this(windowSize, pValue, shareThreshold, cooldown, bootstrapExamples, retrainExamples, referenceSampleSize,
                hysteresis, inFlightTimeout, maxModelAge, correction, windowDuration, null, null, null);
    }

    DriftSpec withDefaults() {
        return new DriftSpec(
                windowSize == null ? DEFAULTS.windowSize : windowSize,
                pValue == null ? DEFAULTS.pValue : pValue,
                shareThreshold == null ? DEFAULTS.shareThreshold : shareThreshold,
                cooldown == null ? DEFAULTS.cooldown : cooldown,
                bootstrapExamples == null ? DEFAULTS.bootstrapExamples : bootstrapExamples,
                retrainExamples == null ? DEFAULTS.retrainExamples : retrainExamples,
                referenceSampleSize == null ? DEFAULTS.referenceSampleSize : referenceSampleSize,
                hysteresis == null ? DEFAULTS.hysteresis : hysteresis,
                inFlightTimeout == null ? DEFAULTS.inFlightTimeout : inFlightTimeout,
                maxModelAge,
                correction == null ? DEFAULTS.correction : correction,
                windowDuration,
                numericTest == null ? DEFAULTS.numericTest : numericTest,
                categoricalTest == null ? DEFAULTS.categoricalTest : categoricalTest,
                distanceThreshold == null ? DEFAULTS.distanceThreshold : distanceThreshold,
                maxAttempts == null ? DEFAULTS.maxAttempts : maxAttempts,
                alarmRate == null ? DEFAULTS.alarmRate : alarmRate);
    }
}
