package io.driftloop.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * The drift statistics of one window against the champion's reference, on {@code ct.drift.stats.v1}.
 * {@code source} says which stream the window is of: {@code inference} (absent in older events: the
 * same) — a window of {@code ct.inference.v1} whose {@code features} are compared with the reference
 * profile, {@code drifted} being the dataset-level decision (the share of drifted features reached
 * {@code threshold}) and {@code prediction} the drift of the served scores against the champion's
 * first window in production (reported, not part of the share) — or {@code labels}: a window of
 * labelled examples whose single entry {@code label} compares the labels with the training labels
 * (prior shift; reported, it triggers nothing). {@code correction} names the multiple-testing
 * correction applied to the features' p-values ({@code benjamini-hochberg}, {@code bonferroni} or
 * {@code none}; absent in events written before the correction existed). {@code adaptation} is set on
 * the first window evaluated against a champion that replaced a drifted one: how long the model took
 * to adapt (absent otherwise, and in older events). {@code pValue} is the window's own p-value, of the
 * hypothesis that none of its features changed (Simes' combination of the features' p-values: the
 * smallest Benjamini–Hochberg q-value), and {@code alarmRate} the spec's bound it was held to: an
 * inference window is drifted only when the share reached {@code threshold} and {@code pValue <
 * alarmRate} (both absent on label windows and in older events). {@code concept} is set on label
 * windows: where the concept-drift detector of the champion's error stream stands ({@link ConceptSignal};
 * absent when the model has no champion, its detector has judged none of its examples yet, and in
 * older events). The features of inference windows and the label entry of label windows carry a
 * {@link Histogram} of the reference beside the window (absent in older events).
 */
public record DriftStats(
        String eventId,
        String model,
        Integer championVersion,
        Instant windowStart,
        Instant windowEnd,
        int sampleSize,
        List<FeatureDrift> features,
        double shareDrifted,
        double threshold,
        boolean drifted,
        Instant computedAt,
        String correction,
        FeatureDrift prediction,
        String source,
        Adaptation adaptation,
        Double pValue,
        Double alarmRate,
        ConceptSignal concept) {

    /** Statistics without a concept-drift signal. */
    public DriftStats(String eventId, String model, Integer championVersion, Instant windowStart, Instant windowEnd,
                      int sampleSize, List<FeatureDrift> features, double shareDrifted, double threshold,
                      boolean drifted, Instant computedAt, String correction, FeatureDrift prediction, String source,
                      Adaptation adaptation, Double pValue, Double alarmRate) {
        this(eventId, model, championVersion, windowStart, windowEnd, sampleSize, features, shareDrifted, threshold,
                drifted, computedAt, correction, prediction, source, adaptation, pValue, alarmRate, null);
    }

    /** Statistics without the window's own p-value. */
    public DriftStats(String eventId, String model, Integer championVersion, Instant windowStart, Instant windowEnd,
                      int sampleSize, List<FeatureDrift> features, double shareDrifted, double threshold,
                      boolean drifted, Instant computedAt, String correction, FeatureDrift prediction, String source,
                      Adaptation adaptation) {
        this(eventId, model, championVersion, windowStart, windowEnd, sampleSize, features, shareDrifted, threshold,
                drifted, computedAt, correction, prediction, source, adaptation, null, null);
    }

    /** Statistics without an adaptation. */
    public DriftStats(String eventId, String model, Integer championVersion, Instant windowStart, Instant windowEnd,
                      int sampleSize, List<FeatureDrift> features, double shareDrifted, double threshold,
                      boolean drifted, Instant computedAt, String correction, FeatureDrift prediction, String source) {
        this(eventId, model, championVersion, windowStart, windowEnd, sampleSize, features, shareDrifted, threshold,
                drifted, computedAt, correction, prediction, source, null);
    }

    /** Stream of a window of inference events. */
    public static final String INFERENCE = "inference";
    /** Stream of a window of labelled examples. */
    public static final String LABELS = "labels";

    /** Statistics of a window of inference events, without prediction drift. */
    public DriftStats(String eventId, String model, Integer championVersion, Instant windowStart, Instant windowEnd,
                      int sampleSize, List<FeatureDrift> features, double shareDrifted, double threshold,
                      boolean drifted, Instant computedAt, String correction) {
        this(eventId, model, championVersion, windowStart, windowEnd, sampleSize, features, shareDrifted, threshold,
                drifted, computedAt, correction, null, null);
    }

    /** These statistics with {@code adaptation}. */
    public DriftStats withAdaptation(Adaptation adaptation) {
        return new DriftStats(eventId, model, championVersion, windowStart, windowEnd, sampleSize, features,
                shareDrifted, threshold, drifted, computedAt, correction, prediction, source, adaptation, pValue,
                alarmRate, concept);
    }

    /** These statistics with {@code prediction}. */
    public DriftStats withPrediction(FeatureDrift prediction) {
        return new DriftStats(eventId, model, championVersion, windowStart, windowEnd, sampleSize, features,
                shareDrifted, threshold, drifted, computedAt, correction, prediction, source, adaptation, pValue,
                alarmRate, concept);
    }

    /** These statistics with {@code concept}. */
    public DriftStats withConcept(ConceptSignal concept) {
        return new DriftStats(eventId, model, championVersion, windowStart, windowEnd, sampleSize, features,
                shareDrifted, threshold, drifted, computedAt, correction, prediction, source, adaptation, pValue,
                alarmRate, concept);
    }

    /** Whether this is a window of labelled examples (prior shift), not of inference events. */
    public boolean ofLabels() {
        return LABELS.equals(source);
    }
}
