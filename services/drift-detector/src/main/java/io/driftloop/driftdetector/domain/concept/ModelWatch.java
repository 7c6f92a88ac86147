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
 */
public record ModelWatch(
        String model,
        int championVersion,
        String detector,
        long seen,
        long ignored,
        long alarms,
        boolean warning,
        Double errorRate) {
}
