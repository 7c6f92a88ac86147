package io.driftloop.driftdetector.domain.concept;

/**
 * What {@link ConceptDriftMonitor} currently knows about one model's champion.
 *
 * @param model           the model
 * @param championVersion the champion being watched
 * @param detector        the detector's name
 * @param seen            the champion's labelled examples since the last reset
 * @param ignored         examples served by another version since the last reset
 * @param alarms          alarms raised since the last reset
 * @param warning         whether the detector's latest signal was a warning
 * @param errorRate       the detector's current estimate of the champion's error rate; null before any
 *                        (and, for Page-Hinkley and DDM, right after a drift, when they start afresh)
 * @param statistic       the detector's test statistic now ({@link DetectorStatistic#value()}); null when it has none
 * @param threshold       what the statistic is compared with ({@link DetectorStatistic#threshold()}); null when none
 */
public record ModelWatch(
        String model,
        int championVersion,
        String detector,
        long seen,
        long ignored,
        long alarms,
        boolean warning,
        Double errorRate,
        Double statistic,
        Double threshold) {

    /** What is known without the detector's statistic. */
    public ModelWatch(String model, int championVersion, String detector, long seen, long ignored, long alarms,
                      boolean warning, Double errorRate) {
        this(model, championVersion, detector, seen, ignored, alarms, warning, errorRate, null, null);
    }
}
