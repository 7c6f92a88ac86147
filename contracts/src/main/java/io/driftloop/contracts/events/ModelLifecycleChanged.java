package io.driftloop.contracts.events;

import java.time.Instant;

/**
 * One change of a model version's stage, or of an alias, on {@code ct.model.lifecycle.v1} (key = model
 * name): the registry's event log, followed by every registry instance to build its state.
 * {@code trained} is set when a candidate is first recorded (its lineage), {@code evaluation} when
 * its verdict arrives (also on a {@code champion} event that promotes a version on its verdict).
 *
 * <p>The log is the arbiter between registry instances: {@code sequence} is the model's position the
 * writer expected, the number of the model's events applied before this one. An event applies only
 * at exactly that position, so of two instances racing for one position the first on the log wins
 * and the other's event is ignored by every reader alike. Events without a {@code sequence} (written
 * before it existed) apply unconditionally, once per {@code eventId}: stop every registry of an older
 * release before starting a newer one, as nothing arbitrates such events.
 *
 * <p><b>Readers must apply the sequence rule.</b> Events that lost their position stay on the topic,
 * never applied. Any reader of this topic must, per model and in log order, count an event only
 * when its {@code sequence} equals the number of that model's events counted before it (an event
 * without a {@code sequence}: once per {@code eventId}) and ignore the others, or it will see
 * decisions that never took effect.
 *
 * @param sequence        the model's expected position (0 for its first event); absent on old events
 * @param writer          the registry instance that wrote the event
 * @param previousVersion on a {@code champion} event, the champion it replaced (absent for the first)
 * @param action          on a {@code champion} event: {@code auto} (promoted on its passing verdict),
 *                        {@code approval}, {@code rollback} or {@code override}
 * @param actor           who or what made the change, e.g. {@code registry (auto: passed its gates)},
 *                        {@code user alice (approve)}
 * @param justification   the written justification of an {@code override} (promoting a failed version)
 * @param alias           on {@code alias-set} / {@code alias-removed}, the alias
 */
public record ModelLifecycleChanged(
        String eventId,
        String causationId,
        String model,
        int version,
        String candidateId,
        LifecycleStage stage,
        String reason,
        Instant at,
        ModelTrained trained,
        ModelEvaluated evaluation,
        Long sequence,
        String writer,
        Integer previousVersion,
        String action,
        String actor,
        String justification,
        String alias) {

    /** An event as written before sequences, actors and aliases existed. */
    public ModelLifecycleChanged(String eventId, String causationId, String model, int version, String candidateId,
            LifecycleStage stage, String reason, Instant at, ModelTrained trained, ModelEvaluated evaluation) {
        this(eventId, causationId, model, version, candidateId, stage, reason, at, trained, evaluation,
                null, null, null, null, null, null, null);
    }
}
