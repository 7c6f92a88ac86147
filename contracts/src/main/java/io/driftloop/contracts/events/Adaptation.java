package io.driftloop.contracts.events;

import java.time.Instant;

/**
 * How long a model took to adapt: from the first drifted window (or concept-drift alarm) of champion
 * {@code fromVersion} to the first inference served by a newer champion ({@code toVersion}). Event
 * times: {@code driftedAt} is the end of that window (or the time of the example that raised the
 * alarm), {@code servedAt} the timestamp of that first inference.
 *
 * @param seconds {@code servedAt − driftedAt}, in seconds
 */
public record Adaptation(int fromVersion, int toVersion, Instant driftedAt, Instant servedAt, double seconds) {
}
