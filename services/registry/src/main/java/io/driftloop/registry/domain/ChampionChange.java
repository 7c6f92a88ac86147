package io.driftloop.registry.domain;

import java.time.Instant;

/**
 * One change of a model's champion, as the audit trail shows it: the version that became champion,
 * the one it replaced, when, how ({@code auto}, {@code approval}, {@code rollback}, {@code override};
 * null on events written before actions were recorded), who or what did it, why, and for an
 * override the written justification.
 */
public record ChampionChange(int version, Integer previousVersion, Instant at, String action, String actor,
                             String reason, String justification, String eventId, Long sequence) {
}
