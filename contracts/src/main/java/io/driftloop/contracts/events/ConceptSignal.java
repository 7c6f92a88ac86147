package io.driftloop.contracts.events;

/**
 * Where the concept-drift detector of a model's champion stands, carried by a label window
 * ({@link DriftStats#LABELS}) so that its signal can be drawn over time.
 *
 * @param detector        the detector: {@code adwin}, {@code page-hinkley} or {@code ddm}
 * @param championVersion the champion whose error stream it watches (prediction ≠ label of the
 *                        labelled examples that champion served)
 * @param seen            the champion's labelled examples since its detector was started (a new champion
 *                        starts it afresh), a grace period's included
 * @param errorRate       the detector's current estimate of the champion's error rate, in [0, 1]: ADWIN's
 *                        window mean, DDM's {@code p}, Page-Hinkley's running mean; null while it has none
 *                        (Page-Hinkley and DDM start afresh after a drift)
 * @param statistic       the detector's own test statistic now: Page-Hinkley's cumulative deviation
 *                        {@code m_t} (this form compares it with λ directly, not {@code m_t − M_t}),
 *                        DDM's {@code p + s}, ADWIN's {@code |μ0 − μ1|} at the split of its window
 *                        nearest to a cut; null when it has none
 * @param threshold       what {@code statistic} is compared with: λ, {@code p_min + 3·s_min} (DDM's
 *                        out-of-control level), ADWIN's bound ε at that split; null when there is none yet
 * @param signal          {@value #DRIFT} when the detector alarmed on an example of this window,
 *                        else {@value #WARNING} when its latest signal was a warning (DDM only), else
 *                        {@value #NONE}
 * @param alarms          alarms raised for this champion since its detector was started
 */
public record ConceptSignal(
        String detector,
        int championVersion,
        long seen,
        Double errorRate,
        Double statistic,
        Double threshold,
        String signal,
        long alarms) {

    /** {@link #signal()}: nothing to report. */
    public static final String NONE = "none";
    /** {@link #signal()}: the error rate is rising towards the drift level. */
    public static final String WARNING = "warning";
    /** {@link #signal()}: the detector alarmed during the window. */
    public static final String DRIFT = "drift";
}
