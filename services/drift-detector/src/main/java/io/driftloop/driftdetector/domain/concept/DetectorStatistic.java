package io.driftloop.driftdetector.domain.concept;

/**
 * A detector's own test statistic at this moment and what it is compared with, for display: a
 * read-only view that changes nothing in the detector.
 *
 * @param value     the statistic: Page-Hinkley's cumulative deviation {@code m_t}, DDM's {@code p + s},
 *                  ADWIN's {@code |μ0 − μ1|} at the split of its window nearest to a cut
 * @param threshold what {@code value} is compared with: Page-Hinkley's λ, DDM's
 *                  {@code p_min + outControlLevel · s_min}, ADWIN's bound ε at that split; null while
 *                  there is none yet (DDM before its minimum is set)
 */
public record DetectorStatistic(double value, Double threshold) {
}
