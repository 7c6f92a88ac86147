package io.driftloop.registry.api;

import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.GateResult;
import io.driftloop.contracts.events.LifecycleStage;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.DatasetCut;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.events.TrainingTrial;
import io.driftloop.contracts.events.OffsetRange;
import io.driftloop.contracts.events.RetrainTrigger;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.events.ModelLifecycleChanged;
import io.driftloop.registry.domain.ChampionChange;
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
                   Instant trainedAt, String trainedEventId, DatasetCut cut, List<TrainingTrial> trials) {

        static Lineage of(ModelTrained t) {
            return new Lineage(t.datasetId(), t.dataset(), t.profile(), t.offsets(), t.specHash(), t.hyperparameters(),
                    t.seed(), t.codeVersion(), t.artifact(), t.trainingMetrics(), t.trigger(), t.reason(), t.trainedAt(),
                    t.eventId(), t.cut(), t.trials());
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

    /** {@code GET /api/models/{name}/aliases}: {@code champion}, {@code challenger} and the user-defined aliases. */
    public record Aliases(String model, Map<String, Integer> aliases) {
    }

    /** Body of {@code PUT /api/models/{name}/aliases/{alias}}. */
    public record AliasRequest(Integer version) {
    }

    /** Body of {@code POST /api/models/{name}/rollback} (optional). */
    public record RollbackRequest(String reason) {
    }

    /** Body of {@code POST /api/models/{name}/versions/{v}/override}. */
    public record OverrideRequest(String justification) {
    }

    /** {@code GET /api/models/{name}/history}: every champion change, oldest first. */
    public record History(String model, Integer championVersion, List<ChampionChange> changes) {
    }

    /**
     * {@code 202 Accepted}: the change was written to ct.model.lifecycle.v1 but not read back in time,
     * so it is recorded, not yet confirmed (it may still lose its position to another instance's
     * event); {@code status} is {@code recorded-not-confirmed}.
     */
    public record Unconfirmed(String model, String status, String detail, int version, LifecycleStage stage,
                              String eventId, Long sequence) {

        static Unconfirmed of(ModelLifecycleChanged e, String detail) {
            return new Unconfirmed(e.model(), "recorded-not-confirmed", detail, e.version(), e.stage(), e.eventId(),
                    e.sequence());
        }
    }

    /** The change a mutating request made: the lifecycle event applied, and the current champion. */
    public record Change(String model, int version, LifecycleStage stage, String alias, Integer previousVersion,
                         String action, String actor, String reason, String justification, Instant at, String eventId,
                         Long sequence, Integer championVersion) {

        static Change of(ModelLifecycleChanged e, Integer championVersion) {
            return new Change(e.model(), e.version(), e.stage(), e.alias(), e.previousVersion(), e.action(), e.actor(),
                    e.reason(), e.justification(), e.at(), e.eventId(), e.sequence(), championVersion);
        }
    }

    /** How many gates a version's evaluation held it to, how many it passed, and which failed. */
    public record GatesSummary(int total, int passed, List<String> failed) {

        static GatesSummary of(List<GateResult> gates) {
            List<GateResult> all = gates == null ? List.of() : gates;
            return new GatesSummary(all.size(), (int) all.stream().filter(GateResult::passed).count(),
                    all.stream().filter(g -> !g.passed()).map(GateResult::gate).toList());
        }
    }

    /** The verdict part of a version's lineage, with its stored reports. */
    public record EvaluationLineage(String eventId, String datasetId, Integer championVersion, boolean passed,
                                    String summary, int testRows, Instant evaluatedAt, Map<String, Double> metrics,
                                    ArtifactRef report, ArtifactRef reportHtml, GatesSummary gatesSummary,
                                    List<GateResult> gates) {

        static EvaluationLineage of(ModelEvaluated e) {
            return e == null ? null : new EvaluationLineage(e.eventId(), e.datasetId(), e.championVersion(), e.passed(),
                    e.summary(), e.testRows(), e.evaluatedAt(), e.metrics(), e.report(), e.reportHtml(),
                    GatesSummary.of(e.gates()), e.gates());
        }
    }

    /**
     * {@code GET /api/models/{name}/versions/{v}/lineage}: everything needed to rebuild and to audit
     * a version: the training lineage, its evaluation with report references and gates, its stages.
     */
    public record VersionLineage(String model, int version, String candidateId, LifecycleStage stage,
                                 Lineage training, EvaluationLineage evaluation, List<StageChange> history) {

        static VersionLineage of(String model, ModelVersion v) {
            return new VersionLineage(model, v.version(), v.candidateId(), v.stage(), Lineage.of(v.trained()),
                    EvaluationLineage.of(v.evaluation()), v.history());
        }
    }
}
