package io.driftloop.driftdetector.domain.concept;

/**
 * A concept drift found in a champion's error stream.
 *
 * @param model              the model
 * @param championVersion    the champion whose errors drifted
 * @param detector           the detector's name ({@link DetectorKind#id()})
 * @param examplesSinceReset labelled examples of the champion seen since the detector was last reset
 *                           (grace period included), this one included
 * @param errorBefore        the detector's estimate of the error rate before the drift, in [0, 1]; null if it has none
 * @param errorAfter         its estimate of the error rate after the drift, in [0, 1]; null if it has none
 */
public record Alarm(
        String model,
        int championVersion,
        String detector,
        long examplesSinceReset,
        Double errorBefore,
        Double errorAfter) {
}
