package io.driftloop.subscriber;

import java.time.Instant;

/**
 * What a subscriber knows about one model, for health checks and status pages. Immutable.
 *
 * @param version         the version serving, or null before one loaded
 * @param latestPromoted  the version of the latest promotion seen (differs from {@code version}
 *                        while the latest could not be loaded), or null
 * @param lastError       why the latest failed promotion was refused, or null when none failed
 * @param lastErrorAt     when it failed, or null
 * @param swaps           models swapped in since start
 * @param failures        promotions refused since start (missing, tampered or unloadable artifacts)
 */
public record SubscriptionStatus(String model, Integer version, Integer latestPromoted, String lastError,
                                 Instant lastErrorAt, long swaps, long failures) {

    static SubscriptionStatus initial(String model) {
        return new SubscriptionStatus(model, null, null, null, null, 0, 0);
    }

    /** Whether the latest promotion seen is the one serving. */
    public boolean current() {
        return version != null && version.equals(latestPromoted) && lastError == null;
    }

    SubscriptionStatus promoted(int promotedVersion) {
        return new SubscriptionStatus(model, version, promotedVersion, lastError, lastErrorAt, swaps, failures);
    }

    SubscriptionStatus swapped(int newVersion) {
        return new SubscriptionStatus(model, newVersion, latestPromoted, null, null, swaps + 1, failures);
    }

    SubscriptionStatus failed(String error, Instant at) {
        return new SubscriptionStatus(model, version, latestPromoted, error, at, swaps, failures + 1);
    }
}
