package io.driftloop.driftdetector.domain.concept;

/** What a concept-drift detector concludes after one more value of the monitored stream. */
public enum Signal {
    /** Nothing to report. */
    NONE,
    /** The stream is drifting away from its reference but not yet beyond the drift level (DDM only). */
    WARNING,
    /** The stream's mean changed; the detector has already re-based itself on the new concept. */
    DRIFT
}
