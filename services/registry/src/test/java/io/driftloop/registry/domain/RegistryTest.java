package io.driftloop.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.GateResult;
import io.driftloop.contracts.events.LifecycleStage;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelLifecycleChanged;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.events.OffsetRange;
import io.driftloop.contracts.events.RetrainTrigger;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryTest {

    static final String MODEL = "credit-risk";
    static final Instant NOW = Instant.parse("2026-11-23T12:30:00Z");
    static final ModelSpec AUTO = spec(MODEL, "auto");
    static final ModelSpec MANUAL = spec(MODEL, "manual");

    final Registry registry = new Registry(Clock.fixed(NOW, ZoneOffset.UTC));
    /** Every event the registry decided and applied, in order: its log. */
    final List<ModelLifecycleChanged> log = new ArrayList<>();

    @Test
    void candidatesAreNumberedInOrderOfFirstSight() {
        List<ModelLifecycleChanged> first = commit(registry.onTrained(trained("a")));
        commit(registry.onTrained(trained("b")));
        commit(registry.onTrained(trained("c")));

        assertThat(first).singleElement().satisfies(e -> {
            assertThat(e.stage()).isEqualTo(LifecycleStage.CANDIDATE);
            assertThat(e.version()).isEqualTo(1);
            assertThat(e.trained()).isEqualTo(trained("a"));
            assertThat(e.causationId()).isEqualTo(trained("a").eventId());
            assertThat(e.at()).isEqualTo(NOW);
        });
        assertThat(history().versions()).extracting(ModelVersion::version, ModelVersion::candidateId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, cid("a")),
                        org.assertj.core.groups.Tuple.tuple(2, cid("b")),
                        org.assertj.core.groups.Tuple.tuple(3, cid("c")));
        assertThat(history().versions()).allSatisfy(v -> assertThat(v.stage()).isEqualTo(LifecycleStage.CANDIDATE));
    }

    @Test
    void eachModelNumbersItsOwnVersions() {
        commit(registry.onTrained(trained("a")));
        List<ModelLifecycleChanged> other = commit(registry.onTrained(trained("other-model", "z")));

        assertThat(other).singleElement().satisfies(e -> assertThat(e.version()).isEqualTo(1));
        assertThat(registry.models()).containsOnlyKeys(MODEL, "other-model");
    }

    @Test
    void aReplayedTrainedEventRecordsNothing() {
        commit(registry.onTrained(trained("a")));

        assertThat(registry.onTrained(trained("a"))).isEmpty();
        assertThat(history().versions()).hasSize(1);
    }

    @Test
    void theLineageOfAVersionIsItsTrainedEvent() {
        commit(registry.onTrained(trained("a")));

        ModelTrained lineage = history().version(1).orElseThrow().trained();
        assertThat(lineage.datasetId()).isEqualTo("sha256:" + "a".repeat(64));
        assertThat(lineage.offsets()).containsExactly(new OffsetRange("ct.examples.v1", 0, 0, 500));
        assertThat(lineage.hyperparameters()).containsEntry("learningRate", 0.01);
        assertThat(lineage.seed()).isEqualTo(42);
        assertThat(lineage.codeVersion()).isEqualTo("0.1.0");
    }

    @Test
    void aPassingEvaluationUnderAutoPromotionMakesTheFirstChampion() {
        commit(registry.onTrained(trained("a")));

        List<ModelLifecycleChanged> events = commit(registry.onEvaluated(evaluated("a", true), AUTO));

        assertThat(events).extracting(ModelLifecycleChanged::stage)
                .containsExactly(LifecycleStage.PASSED, LifecycleStage.CHAMPION);
        assertThat(events.get(0).evaluation()).isEqualTo(evaluated("a", true));
        assertThat(events).allSatisfy(e -> assertThat(e.causationId()).isEqualTo(evaluated("a", true).eventId()));
        assertThat(history().championVersion()).isEqualTo(1);
        assertThat(history().version(1).orElseThrow().stage()).isEqualTo(LifecycleStage.CHAMPION);
        assertThat(history().version(1).orElseThrow().history()).extracting(StageChange::stage)
                .containsExactly(LifecycleStage.CANDIDATE, LifecycleStage.PASSED, LifecycleStage.CHAMPION);
    }

    @Test
    void aNewChampionArchivesThePreviousOne() {
        commit(registry.onTrained(trained("a")));
        commit(registry.onEvaluated(evaluated("a", true), AUTO));
        commit(registry.onTrained(trained("b")));

        List<ModelLifecycleChanged> events = commit(registry.onEvaluated(evaluated("b", true), AUTO));

        assertThat(events).extracting(ModelLifecycleChanged::stage, ModelLifecycleChanged::version).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LifecycleStage.PASSED, 2),
                org.assertj.core.groups.Tuple.tuple(LifecycleStage.CHAMPION, 2),
                org.assertj.core.groups.Tuple.tuple(LifecycleStage.ARCHIVED, 1));
        assertThat(history().championVersion()).isEqualTo(2);
        assertThat(history().previousChampionVersion()).isEqualTo(1);
        assertThat(history().version(1).orElseThrow().stage()).isEqualTo(LifecycleStage.ARCHIVED);
        assertThat(registry.promoted(MODEL)).hasValueSatisfying(p -> {
            assertThat(p.version()).isEqualTo(2);
            assertThat(p.previousVersion()).isEqualTo(1);
        });
    }

    @Test
    void aFailedCandidateNeverBecomesChampion() {
        commit(registry.onTrained(trained("a")));

        List<ModelLifecycleChanged> events = commit(registry.onEvaluated(evaluated("a", false), AUTO));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.stage()).isEqualTo(LifecycleStage.FAILED);
            assertThat(e.reason()).isEqualTo("failed 1 of 1 gates");
        });
        assertThat(history().championVersion()).isNull();
        assertThat(registry.promoted(MODEL)).isEmpty();
        assertThat(registry.onEvaluated(evaluated("a", true), AUTO)).isEmpty();
        assertThat(history().version(1).orElseThrow().stage()).isEqualTo(LifecycleStage.FAILED);
    }

    @Test
    void aFailedChallengerLeavesTheChampionInPlace() {
        commit(registry.onTrained(trained("a")));
        commit(registry.onEvaluated(evaluated("a", true), AUTO));
        commit(registry.onTrained(trained("b")));

        commit(registry.onEvaluated(evaluated("b", false), AUTO));

        assertThat(history().championVersion()).isEqualTo(1);
        assertThat(history().version(1).orElseThrow().stage()).isEqualTo(LifecycleStage.CHAMPION);
        assertThat(history().version(2).orElseThrow().stage()).isEqualTo(LifecycleStage.FAILED);
    }

    @Test
    void manualPromotionLeavesAPassedCandidatePassed() {
        commit(registry.onTrained(trained("a")));

        List<ModelLifecycleChanged> events = commit(registry.onEvaluated(evaluated("a", true), MANUAL));

        assertThat(events).extracting(ModelLifecycleChanged::stage).containsExactly(LifecycleStage.PASSED);
        assertThat(history().version(1).orElseThrow().stage()).isEqualTo(LifecycleStage.PASSED);
        assertThat(history().championVersion()).isNull();
    }

    @Test
    void aReplayedEvaluationPromotesNothingTwice() {
        commit(registry.onTrained(trained("a")));
        commit(registry.onEvaluated(evaluated("a", true), AUTO));
        commit(registry.onTrained(trained("b")));
        commit(registry.onEvaluated(evaluated("b", true), AUTO));

        assertThat(registry.onEvaluated(evaluated("a", true), AUTO)).isEmpty();
        assertThat(registry.onEvaluated(evaluated("b", true), AUTO)).isEmpty();
        assertThat(history().championVersion()).isEqualTo(2);
    }

    @Test
    void anEvaluationBeforeItsTrainedEventWaitsAndIsDecidedWhenTheCandidateArrives() {
        assertThat(registry.onEvaluated(evaluated("a", true), AUTO)).isEmpty();
        assertThat(registry.isPending(MODEL, cid("a"))).isTrue();
        assertThat(registry.model(MODEL)).isEmpty();

        List<ModelLifecycleChanged> events = commit(registry.onTrained(trained("a")));

        assertThat(events).extracting(ModelLifecycleChanged::stage, ModelLifecycleChanged::version).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LifecycleStage.CANDIDATE, 1),
                org.assertj.core.groups.Tuple.tuple(LifecycleStage.PASSED, 1),
                org.assertj.core.groups.Tuple.tuple(LifecycleStage.CHAMPION, 1));
        assertThat(registry.isPending(MODEL, cid("a"))).isFalse();
        assertThat(registry.pendingEvaluations()).isZero();
        assertThat(history().championVersion()).isEqualTo(1);
    }

    @Test
    void aPendingEvaluationReplayedIsKeptOnce() {
        registry.onEvaluated(evaluated("a", false), AUTO);
        registry.onEvaluated(evaluated("a", false), AUTO);

        assertThat(registry.pendingEvaluations()).isEqualTo(1);
        assertThat(commit(registry.onTrained(trained("a")))).extracting(ModelLifecycleChanged::stage)
                .containsExactly(LifecycleStage.CANDIDATE, LifecycleStage.FAILED);
    }

    @Test
    void aForgottenPendingEvaluationIsNotDecidedLater() {
        registry.onEvaluated(evaluated("a", true), AUTO);

        assertThat(registry.forgetPending(MODEL, cid("a"))).isTrue();

        assertThat(commit(registry.onTrained(trained("a")))).extracting(ModelLifecycleChanged::stage)
                .containsExactly(LifecycleStage.CANDIDATE);
    }

    @Test
    void decisionsDoNotChangeTheStateUntilTheirEventsAreApplied() {
        List<ModelLifecycleChanged> undecided = registry.onTrained(trained("a"));

        assertThat(registry.model(MODEL)).isEmpty();
        assertThat(registry.onTrained(trained("a"))).isEqualTo(undecided);
    }

    @Test
    void applyingAnEventTwiceHasNoSecondEffect() {
        List<ModelLifecycleChanged> events = commit(registry.onTrained(trained("a")));
        events.addAll(commit(registry.onEvaluated(evaluated("a", true), AUTO)));
        ModelHistory before = history();

        events.forEach(registry::apply);

        assertThat(history()).isEqualTo(before);
    }

    @Test
    void eventIdsAreDerivedFromModelVersionAndStage() {
        List<ModelLifecycleChanged> events = commit(registry.onTrained(trained("a")));

        assertThat(events.get(0).eventId()).isEqualTo(Registry.eventId(MODEL, 1, LifecycleStage.CANDIDATE));
        assertThat(Registry.eventId(MODEL, 1, LifecycleStage.CANDIDATE))
                .isNotEqualTo(Registry.eventId(MODEL, 2, LifecycleStage.CANDIDATE))
                .isNotEqualTo(Registry.eventId(MODEL, 1, LifecycleStage.PASSED))
                .isNotEqualTo(Registry.eventId("other", 1, LifecycleStage.CANDIDATE));
    }

    @Test
    void theChampionsPromotionCarriesLineageMetricsAndReason() {
        commit(registry.onTrained(trained("a")));
        commit(registry.onEvaluated(evaluated("a", true), AUTO));

        ModelPromoted promoted = registry.promoted(MODEL).orElseThrow();

        assertThat(promoted.model()).isEqualTo(MODEL);
        assertThat(promoted.version()).isEqualTo(1);
        assertThat(promoted.previousVersion()).isNull();
        assertThat(promoted.artifact()).isEqualTo(trained("a").artifact());
        assertThat(promoted.profile()).isEqualTo(trained("a").profile());
        assertThat(promoted.datasetId()).isEqualTo(trained("a").datasetId());
        assertThat(promoted.specHash()).isEqualTo(trained("a").specHash());
        assertThat(promoted.candidateId()).isEqualTo(cid("a"));
        assertThat(promoted.metrics()).containsEntry("accuracy", 0.91);
        assertThat(promoted.reason()).isEqualTo("drift: 2 of 4 features drifted; passed 1 of 1 gates");
        assertThat(promoted.promotedAt()).isEqualTo(NOW);
        assertThat(promoted.validate()).isSameAs(promoted);
    }

    @Test
    void rebuildingFromTheEmittedEventsYieldsEqualState() {
        commit(registry.onTrained(trained("a")));
        commit(registry.onEvaluated(evaluated("a", true), AUTO));
        commit(registry.onTrained(trained("b")));
        commit(registry.onEvaluated(evaluated("b", false), AUTO));
        registry.onEvaluated(evaluated("d", true), AUTO);
        commit(registry.onTrained(trained("c")));
        commit(registry.onEvaluated(evaluated("c", true), AUTO));
        commit(registry.onTrained(trained("d")));
        commit(registry.onTrained(trained("other-model", "z")));

        Registry rebuilt = new Registry(Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));
        log.stream().map(e -> Json.decode(Json.encode(e), ModelLifecycleChanged.class)).forEach(rebuilt::apply);

        assertThat(rebuilt.models()).isEqualTo(registry.models());
        assertThat(rebuilt.promoted(MODEL)).isEqualTo(registry.promoted(MODEL));
        assertThat(rebuilt.promoted(MODEL).orElseThrow().version()).isEqualTo(4);
        assertThat(rebuilt.onTrained(trained("c"))).isEmpty();
        assertThat(rebuilt.onEvaluated(evaluated("c", true), AUTO)).isEmpty();
    }

    @Test
    void anEventOutOfOrderIsRejectedAndChangesNothing() {
        List<ModelLifecycleChanged> events = new ArrayList<>(registry.onTrained(trained("a")));
        ModelLifecycleChanged first = events.get(0);
        ModelLifecycleChanged skipped = new ModelLifecycleChanged("x", null, MODEL, 2, cid("b"),
                LifecycleStage.CANDIDATE, "r", NOW, trained("b"), null);
        ModelLifecycleChanged unknown = new ModelLifecycleChanged("y", null, MODEL, 1, cid("a"),
                LifecycleStage.CHAMPION, "r", NOW, null, null);

        assertThatThrownBy(() -> registry.apply(skipped)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("next version 1");
        assertThatThrownBy(() -> registry.apply(unknown)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown version");
        registry.apply(first);
        ModelLifecycleChanged wrongCandidate = new ModelLifecycleChanged("z", null, MODEL, 1, cid("b"),
                LifecycleStage.CHAMPION, "r", NOW, null, null);
        assertThatThrownBy(() -> registry.apply(wrongCandidate)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but version 1 is");
        assertThat(history().versions()).hasSize(1);
        assertThat(history().championVersion()).isNull();
    }

    @Test
    void anEvaluationJudgedUnderAnotherModelsSpecIsRefused() {
        assertThatThrownBy(() -> registry.onEvaluated(evaluated("a", true), spec("another", "auto")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<ModelLifecycleChanged> commit(List<ModelLifecycleChanged> events) {
        events.forEach(registry::apply);
        log.addAll(events);
        return new ArrayList<>(events);
    }

    private ModelHistory history() {
        return registry.model(MODEL).orElseThrow();
    }

    static String cid(String c) {
        return "sha256:" + c.repeat(64).substring(0, 64);
    }

    static ModelTrained trained(String candidate) {
        return trained(MODEL, candidate);
    }

    static ModelTrained trained(String model, String candidate) {
        ArtifactRef artifact = new ArtifactRef("file:///tmp/artifacts/" + candidate, "e".repeat(64), "dl4j-multilayer");
        return new ModelTrained("trained-" + model + "-" + candidate, "dataset-event", model, cid(candidate),
                "sha256:" + "a".repeat(64), new ArtifactRef("file:///tmp/dataset", "a".repeat(64), "driftloop-dataset"),
                new ArtifactRef("file:///tmp/profile", "b".repeat(64), "driftloop-profile"),
                List.of(new OffsetRange("ct.examples.v1", 0, 0, 500)), "sha256:" + "c".repeat(64), artifact,
                Map.of("hiddenLayers", List.of(32, 16), "learningRate", 0.01), 42L, "0.1.0",
                Map.of("validationLoss", 0.41), RetrainTrigger.DRIFT, "drift: 2 of 4 features drifted",
                Instant.parse("2026-11-23T12:04:00Z"));
    }

    static ModelEvaluated evaluated(String candidate, boolean passed) {
        return new ModelEvaluated("evaluated-" + candidate + "-" + passed, "trained-" + MODEL + "-" + candidate, MODEL,
                cid(candidate), "sha256:" + "a".repeat(64), null, Map.of("accuracy", passed ? 0.91 : 0.41), null,
                List.of(new GateResult("min-accuracy", "accuracy", passed ? 0.91 : 0.41, 0.6, passed,
                        "accuracy vs 0.6")), passed, (passed ? "passed" : "failed") + " 1 of 1 gates", 300,
                Instant.parse("2026-11-23T12:04:10Z"));
    }

    static ModelSpec spec(String name, String promotion) {
        return ModelSpecs.parse("""
                name: %s
                task: binary-classification
                features:
                  - {name: x, type: numeric}
                promotion: %s
                """.formatted(name, promotion));
    }
}
