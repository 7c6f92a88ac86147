package io.driftloop.driftdetector.domain;

import io.driftloop.contracts.spec.DriftSpec;
import io.driftloop.contracts.spec.DriftTest;
import io.driftloop.contracts.spec.FeatureSpec;

/**
 * Which statistic compares one feature, with which threshold: the feature's {@code driftTest}, else
 * the drift section's {@code numericTest} / {@code categoricalTest}; {@code auto} picks by feature type
 * and reference size as Evidently does: up to {@link #AUTO_REFERENCE_LIMIT} reference values a p-value
 * test (KS for numeric, chi-square for categorical) at {@code drift.pValue}, above it a distance
 * (Wasserstein for numeric, Jensen–Shannon for categorical) at {@code drift.distanceThreshold}, because
 * with many values a p-value test flags shifts too small to matter. A feature's {@code driftThreshold}
 * replaces the section's threshold of its kind.
 *
 * @param test      the chosen test, never {@link DriftTest#AUTO}
 * @param threshold p-value threshold (drifted below it) or distance threshold (drifted at or above it)
 */
public record TestChoice(DriftTest test, double threshold) {

    /** Largest reference for which {@code auto} chooses a p-value test. */
    public static final long AUTO_REFERENCE_LIMIT = 1000;

    /** The test and threshold of {@code feature} when its reference holds {@code referenceSize} values. */
    public static TestChoice of(FeatureSpec feature, DriftSpec drift, long referenceSize) {
        DriftTest test = feature.driftTest(drift);
        if (test == null || test == DriftTest.AUTO) {
            boolean small = referenceSize <= AUTO_REFERENCE_LIMIT;
            test = feature.numeric()
                    ? (small ? DriftTest.KS : DriftTest.WASSERSTEIN)
                    : (small ? DriftTest.CHI_SQUARE : DriftTest.JENSEN_SHANNON);
        }
        if (!test.fits(feature.type())) {
            throw new IllegalArgumentException("'" + test.wireName() + "' cannot compare feature '" + feature.name() + "'");
        }
        double threshold = feature.driftThreshold() != null ? feature.driftThreshold()
                : test.pValueTest() ? drift.pValue() : drift.distanceThreshold();
        return new TestChoice(test, threshold);
    }

    public boolean pValueTest() {
        return test.pValueTest();
    }
}
