package io.driftloop.registry.domain;

import io.driftloop.contracts.events.LifecycleStage;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelTrained;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One version of a model: the candidate it was trained as ({@code trained} is its lineage: dataset,
 * offsets, spec hash, hyperparameters, seed, code version, artifact), the verdict of its gates
 * ({@code evaluation}, null until evaluated), its current stage and how it got there. Immutable.
 *
 * @param version    1, 2, 3… in the order candidates were first recorded
 * @param promotedAt when it last became champion, null if never
 */
public record ModelVersion(
        int version,
        String candidateId,
        LifecycleStage stage,
        ModelTrained trained,
        ModelEvaluated evaluation,
        Instant promotedAt,
        List<StageChange> history) {

    public ModelVersion {
        history = List.copyOf(history);
    }

    ModelVersion enter(LifecycleStage next, Instant at, String reason, String eventId) {
        List<StageChange> changes = new ArrayList<>(history);
        changes.add(new StageChange(next, at, reason, eventId));
        return new ModelVersion(version, candidateId, next, trained, evaluation, promotedAt, changes);
    }

    ModelVersion withEvaluation(ModelEvaluated verdict) {
        return new ModelVersion(version, candidateId, stage, trained, verdict, promotedAt, history);
    }

    ModelVersion withPromotedAt(Instant at) {
        return new ModelVersion(version, candidateId, stage, trained, evaluation, at, history);
    }

    public boolean evaluated() {
        return evaluation != null;
    }

    /** Whether it was champion at some time (now or before). */
    public boolean everChampion() {
        return promotedAt != null;
    }
}
