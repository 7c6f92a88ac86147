package io.driftloop.driftdetector.domain.concept;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A sequential change detector on a stream of numbers, here a model's error stream (1 = wrong
 * prediction, 0 = right). After each value it says whether the stream's mean changed.
 *
 * <p>Implementations follow the published algorithms with the defaults of MOA and River, and give
 * the same detection indices as MOA on the same input. Each can be checkpointed with
 * {@link #snapshot()} and resumed with {@link #restore(DetectorSnapshot)}: a restored detector fed
 * the rest of a stream signals exactly what the original would have. Not thread-safe.
 */
public sealed interface ConceptDriftDetector permits Adwin, PageHinkley, Ddm {

    /** The detector's kind. */
    DetectorKind kind();

    /**
     * Adds one value and says what it concludes. After {@link Signal#DRIFT} the detector has
     * already re-based itself (ADWIN drops the old part of its window; Page-Hinkley and DDM start
     * afresh), so the next value is judged against the new concept.
     *
     * @throws IllegalArgumentException if {@code value} is not finite or outside what the detector accepts
     */
    Signal update(double value);

    /** Forgets everything seen; the parameters stay. */
    void reset();

    /** Values added since construction or the last {@link #reset()}. */
    long seen();

    /** The detector's current estimate of the stream's mean, empty before the first value. */
    OptionalDouble estimate();

    /**
     * The detector's test statistic now and its threshold, without changing anything; empty while
     * it has none (nothing seen since it started afresh; for ADWIN, a window too short to split).
     */
    Optional<DetectorStatistic> statistic();

    /** The mean before the most recent drift, as the detector estimates it; empty if it has none. */
    OptionalDouble meanBeforeLastDrift();

    /** The mean after the most recent drift, as the detector estimates it; empty if it has none. */
    OptionalDouble meanAfterLastDrift();

    /** The whole state, parameters included, as plain data. */
    DetectorSnapshot snapshot();

    /** A detector that continues exactly where the one that took {@code snapshot} stood. */
    static ConceptDriftDetector restore(DetectorSnapshot snapshot) {
        return switch (snapshot.kind()) {
            case ADWIN -> Adwin.restore(snapshot.adwin());
            case PAGE_HINKLEY -> PageHinkley.restore(snapshot.pageHinkley());
            case DDM -> Ddm.restore(snapshot.ddm());
        };
    }
}
