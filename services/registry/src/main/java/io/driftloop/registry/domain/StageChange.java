package io.driftloop.registry.domain;

import io.driftloop.contracts.events.LifecycleStage;
import java.time.Instant;

/** One entry of a version's history: the stage it entered, when, why, and the lifecycle event that said so. */
public record StageChange(LifecycleStage stage, Instant at, String reason, String eventId) {
}
