package io.driftloop.driftdetector.domain.concept;

import java.util.Objects;

/**
 * One model's concept-drift state as plain data, for checkpointing ({@code io.driftloop.contracts.Json}
 * maps it to JSON and back without loss).
 *
 * @param model           the model
 * @param championVersion the champion being watched
 * @param seen            the champion's labelled examples since the last reset
 * @param ignored         examples served by another version since the last reset
 * @param alarms          alarms raised since the last reset
 * @param warning         whether the detector's latest signal was a warning
 * @param detector        the detector's state
 */
public record MonitorSnapshot(
        String model,
        int championVersion,
        long seen,
        long ignored,
        long alarms,
        boolean warning,
        DetectorSnapshot detector) {

    public MonitorSnapshot {
        Objects.requireNonNull(model, "a monitor snapshot needs its model");
        Objects.requireNonNull(detector, "a monitor snapshot needs its detector state");
        if (seen < 0 || ignored < 0 || alarms < 0) {
            throw new IllegalArgumentException("monitor snapshot counts must not be negative");
        }
    }
}
