package io.driftloop.contracts.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Gates a candidate must pass to be promoted.
 *
 * <p>{@code quality} and {@code fairness} declare the gates. When a list is absent it is derived from
 * the four shorthand thresholds: minimum accuracy and minimum ROC-AUC on the point value,
 * non-inferiority of accuracy and ROC-AUC against the champion with margin {@code maxDegradation},
 * a Brier score below the constant-prior baseline's (the training split's share of positives as
 * every row's probability), and demographic parity difference at most
 * {@code maxDemographicParityDifference} for every sensitive attribute. The derived gates hold the
 * point values ({@link GateBound#POINT}, explicitly, whatever the declared gates' defaults are).
 *
 * @param minAccuracy                     shorthand: absolute minimum accuracy on the test split
 * @param minRocAuc                       shorthand: absolute minimum ROC-AUC on the test split
 * @param maxDegradation                  shorthand: non-inferiority margin of accuracy and ROC-AUC
 * @param maxDemographicParityDifference  shorthand: largest allowed gap in positive-prediction rate
 *                                        between the groups of any sensitive attribute
 * @param confidence                      two-sided confidence of every interval (default 0.95): an interval
 *                                        gate holding one end is a one-sided test at (1 + confidence) / 2
 * @param bootstrapResamples              bootstrap resamples per interval (default 1000, at most
 *                                        {@value #MAX_BOOTSTRAP_RESAMPLES})
 * @param minSliceSize                    slices with fewer test rows are reported without metrics (default 30)
 * @param minGroupSize                    fairness groups with fewer test rows are reported but not gated (default 20)
 * @param quality                         the quality gates
 * @param fairness                        the fairness gates
 * @param intersections                   also gate the intersections of every two sensitive attributes (default false)
 * @param maxIntervalWidth                a dataset is sized so that each quality gate's metric has a confidence
 *                                        interval at most this wide at {@code confidence} (default 0.2, i.e. ±0.1;
 *                                        worst-case variance, see data-prep's README)
 */
public record GateSpec(
        Double minAccuracy,
        Double minRocAuc,
        Double maxDegradation,
        Double maxDemographicParityDifference,
        Double confidence,
        Integer bootstrapResamples,
        Integer minSliceSize,
        Integer minGroupSize,
        List<QualityGate> quality,
        List<FairnessGate> fairness,
        Boolean intersections,
        Double maxIntervalWidth) {

    /** The settings that predate dataset sizing; the interval width is left to its default. */
    public GateSpec(Double minAccuracy, Double minRocAuc, Double maxDegradation, Double maxDemographicParityDifference,
                    Double confidence, Integer bootstrapResamples, Integer minSliceSize, Integer minGroupSize,
                    List<QualityGate> quality, List<FairnessGate> fairness, Boolean intersections) {
        this(minAccuracy, minRocAuc, maxDegradation, maxDemographicParityDifference, confidence, bootstrapResamples,
                minSliceSize, minGroupSize, quality, fairness, intersections, null);
    }

    /** The most bootstrap resamples a spec may ask for (each costs a pass over the test rows). */
    public static final int MAX_BOOTSTRAP_RESAMPLES = 100_000;

    public static final GateSpec DEFAULTS = new GateSpec(0.6, 0.6, 0.01, 0.25, 0.95, 1000, 30, 20, null, null, false,
            0.2);

    GateSpec withDefaults() {
        double minAcc = minAccuracy == null ? DEFAULTS.minAccuracy : minAccuracy;
        double minAuc = minRocAuc == null ? DEFAULTS.minRocAuc : minRocAuc;
        double margin = maxDegradation == null ? DEFAULTS.maxDegradation : maxDegradation;
        double maxDpd = maxDemographicParityDifference == null
                ? DEFAULTS.maxDemographicParityDifference : maxDemographicParityDifference;
        List<QualityGate> q = new ArrayList<>();
        if (quality == null) {
            q.add(new QualityGate(QualityMetric.ACCURACY, GateKind.MINIMUM, minAcc, null, GateBound.POINT));
            q.add(new QualityGate(QualityMetric.ROC_AUC, GateKind.MINIMUM, minAuc, null, GateBound.POINT));
            q.add(new QualityGate(QualityMetric.ACCURACY, GateKind.NON_INFERIORITY, null, margin, GateBound.POINT));
            q.add(new QualityGate(QualityMetric.ROC_AUC, GateKind.NON_INFERIORITY, null, margin, GateBound.POINT));
            // a proper score against the constant prior: under imbalanced labels a useful model often cannot
            // beat the majority class on accuracy (it predicts the majority everywhere at 0.5) yet ranks and
            // calibrates far better than the base rate
            q.add(new QualityGate(QualityMetric.BRIER, GateKind.BEATS_BASELINE, null, null, GateBound.POINT));
        } else {
            quality.forEach(g -> q.add(g == null ? null : g.withDefaults()));
        }
        List<FairnessGate> f = new ArrayList<>();
        if (fairness == null) {
            f.add(new FairnessGate(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, maxDpd, null, null, GateBound.POINT));
        } else {
            fairness.forEach(g -> f.add(g == null ? null : g.withDefaults(maxDpd)));
        }
        return new GateSpec(minAcc, minAuc, margin, maxDpd,
                confidence == null ? DEFAULTS.confidence : confidence,
                bootstrapResamples == null ? DEFAULTS.bootstrapResamples : bootstrapResamples,
                minSliceSize == null ? DEFAULTS.minSliceSize : minSliceSize,
                minGroupSize == null ? DEFAULTS.minGroupSize : minGroupSize,
                java.util.Collections.unmodifiableList(q),
                java.util.Collections.unmodifiableList(f),
                intersections == null ? DEFAULTS.intersections : intersections,
                maxIntervalWidth == null ? DEFAULTS.maxIntervalWidth : maxIntervalWidth);
    }
}
