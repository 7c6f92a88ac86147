package io.driftloop.subscriber;

import java.time.Instant;

/**
 * A model that is serving: which promotion it came from and the loaded model itself. Immutable;
 * a scorer takes one with {@link ModelSubscriber#current} and uses it for a whole request, so a
 * swap in the middle never mixes two versions in one answer.
 *
 * @param version     the promoted version (a rollback can make it lower than the previous one)
 * @param sha256      hex SHA-256 of the artifact's bytes, as published and verified
 * @param promotedAt  when the registry promoted it
 * @param loadedAt    when this process swapped it in
 * @param loadMillis  fetch + verify + load time in milliseconds
 */
public record LoadedModel<M>(String model, int version, String sha256, String candidateId, Instant promotedAt,
                             Instant loadedAt, long loadMillis, M value) {
}
