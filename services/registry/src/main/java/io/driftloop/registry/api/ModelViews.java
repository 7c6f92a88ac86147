package io.driftloop.registry.api;

import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.GateResult;
import io.driftloop.contracts.events.LifecycleStage;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.events.OffsetRange;
import io.driftloop.contracts.events.RetrainTrigger;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.registry.domain.ModelHistory;
import io.driftloop.registry.domain.ModelVersion;
import io.driftloop.registry.domain.StageChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the REST API. */
public final class ModelViews {

    private ModelViews() {
    }

    /** Answer of {@code PUT /api/models/{name}}. */
    public record Registered(String name, String specHash, ModelSpec spec) {
    }

    /** One entry of {@code GET /api/models}. */
    public record ModelSummary(String name, String specHash, Integer championVersion, int versions) {
    }

    /** {@code GET /api/models/{name}}. */
    public record ModelDetail(String name, String specHash, ModelSpec spec, ChampionSummary champion, int versions) {
    }

    public record ChampionSummary(int version, String candidateId, Map<String, Double> metrics, Instant promotedAt) {

        static ChampionSummary of(ModelHistory history) {
            return history.champion().map(c -> new ChampionSummary(c.version(), c.candidateId(),
                    c.evaluation() == null ? null : c.evaluation().metrics(), c.promotedAt())).orElse(null);
        }
    }

    /** What a version was trained from: enough to rebuild it. */
    public record Lineage(String datasetId, ArtifactRef dataset, ArtifactRef profile, List<OffsetRange> offsets,
                   String specHash, Map<String, Object> hyperparameters, long seed, String codeVersion,
                   ArtifactRef artifact, Map<String, Double> trainingMetrics, RetrainTrigger trigger, String reason,
                   Instant trainedAt, String trainedEventId) {

        static Lineage of(ModelTrained t) {
            return new Lineage(t.datasetId(), t.dataset(), t.profile(), t.offsets(), t.specHash(), t.hyperparameters(),
                    t.seed(), t.codeVersion(), t.artifact(), t.trainingMetrics(), t.trigger(), t.reason(), t.trainedAt(),
                    t.eventId());
        }
    }

    /** One entry of {@code GET /api/models/{name}/versions}. */
    public record VersionView(int version, String candidateId, LifecycleStage stage, Lineage lineage,
                       Map<String, Double> metrics, List<GateResult> gates, Boolean passed, String summary,
                       Instant evaluatedAt, Instant promotedAt, List<StageChange> history) {

        static VersionView of(ModelVersion v) {
            ModelEvaluated e = v.evaluation();
            return new VersionView(v.version(), v.candidateId(), v.stage(), Lineage.of(v.trained()),
                    e == null ? null : e.metrics(), e == null ? null : e.gates(), e == null ? null : e.passed(),
                    e == null ? null : e.summary(), e == null ? null : e.evaluatedAt(), v.promotedAt(), v.history());
        }
    }
}
