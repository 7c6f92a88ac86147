package io.driftloop.driftdetector.domain.concept;

import java.util.Objects;

/**
 * How {@link ConceptDriftMonitor} watches a champion's error stream.
 *
 * @param detector    the kind of detector, created with its defaults at every reset
 * @param gracePeriod examples after each reset (a new champion, a restart without a usable
 *                    checkpoint) that are counted but not given to the detector, so that its
 *                    reference is the new champion's settled error rate; at least 0
 */
public record ConceptDriftPolicy(DetectorKind detector, int gracePeriod) {

    /** Examples a new champion serves before its errors are judged. */
    public static final int DEFAULT_GRACE_PERIOD = 0;

    public ConceptDriftPolicy {
        Objects.requireNonNull(detector, "a concept-drift policy needs a detector kind");
        if (gracePeriod < 0) {
            throw new IllegalArgumentException("concept-drift gracePeriod must not be negative, got " + gracePeriod);
        }
    }

    /** ADWIN with its defaults and the default grace period. */
    public static ConceptDriftPolicy defaults() {
        return of(DetectorKind.ADWIN);
    }

    /** {@code detector} with its defaults and the default grace period. */
    public static ConceptDriftPolicy of(DetectorKind detector) {
        return new ConceptDriftPolicy(detector, DEFAULT_GRACE_PERIOD);
    }
}
