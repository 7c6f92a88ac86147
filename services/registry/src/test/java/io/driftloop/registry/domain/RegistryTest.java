package io.driftloop.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

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
import io.driftloop.registry.domain.Registry.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The state machine's decisions and its application of the log; the arbiter rule is in {@link LogArbiterTest}. */
class RegistryTest {

    static final String MODEL = "credit-risk";
    static final Instant NOW = Instant.parse("2026-11-23T12:30:00Z");
    static final ModelSpec AUTO = spec(MODEL, "auto");
    static final ModelSpec MANUAL = spec(MODEL, "manual");

    final Registry registry = new Registry(Clock.fixed(NOW, ZoneOffset.UTC), "writer-a");
    /** Every event the registry decided and applied, in order: its log. */
    final List<ModelLifecycleChanged> log = new ArrayList<>();

    @Test
    void candidatesAreNumberedInOrderOfFirstSight() {
        ModelLifecycleChanged first = commit(registry.onTrained(trained("a")));
        commit(registry.onTrained(trained("b")));
        commit(registry.onTrained(trained("c")));

        assertThat(first.stage()).isEqualTo(LifecycleStage.CANDIDATE);
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.sequence()).isZero();
        assertThat(first.writer()).isEqualTo("writer-a");
        assertThat(first.trained()).isEqualTo(trained("a"));
        assertThat(first.causationId()).isEqualTo(trained("a").eventId());
        assertThat(first.at()).isEqualTo(NOW);
        assertThat(history().versions()).extracting(ModelVersion::version, ModelVersion::candidateId)
                .containsExactly(tuple(1, cid("a")), tuple(2, cid("b")), tuple(3, cid("c")));
        assertThat(history().position()).isEqualTo(3);
    }

    @Test
    void eachModelNumbersItsOwnVersionsAndPositions() {
        commit(registry.onTrained(trained("a")));
        ModelLifecycleChanged other = commit(registry.onTrained(trained("other-model", "z")));

        assertThat(other.version()).isEqualTo(1);
        assertThat(other.sequence()).isZero();
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
    void aPassingEvaluationUnderAutoPromotionIsOneChampionEventCarryingTheVerdict() {
        commit(registry.onTrained(trained("a")));

        ModelLifecycleChanged event = commit(registry.onEvaluated(judged("a", true), AUTO));

        assertThat(event.stage()).isEqualTo(LifecycleStage.CHAMPION);
        assertThat(event.evaluation()).isEqualTo(evaluated("a", true));
        assertThat(event.causationId()).isEqualTo(evaluated("a", true).eventId());
        assertThat(event.action()).isEqualTo("auto");
        assertThat(event.actor()).isEqualTo("registry (auto: passed its gates)");
        assertThat(event.previousVersion()).isNull();
        assertThat(history().championVersion()).isEqualTo(1);
        assertThat(history().version(1).orElseThrow().history()).extracting(StageChange::stage)
                .containsExactly(LifecycleStage.CANDIDATE, LifecycleStage.PASSED, LifecycleStage.CHAMPION);
        assertThat(history().version(1).orElseThrow().evaluation()).isEqualTo(evaluated("a", true));
    }

    @Test
    void aNewChampionArchivesThePreviousOneInTheSameEvent() {
        promote("a");
        commit(registry.onTrained(trained("b")));

        ModelLifecycleChanged event = commit(registry.onEvaluated(judged("b", true), AUTO));

        assertThat(event.previousVersion()).isEqualTo(1);
        assertThat(history().championVersion()).isEqualTo(2);
        assertThat(history().previousChampionVersion()).isEqualTo(1);
        ModelVersion archived = history().version(1).orElseThrow();
        assertThat(archived.stage()).isEqualTo(LifecycleStage.ARCHIVED);
        assertThat(archived.history()).last().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("replaced by version 2");
            assertThat(c.eventId()).isEqualTo(event.eventId());
        });
        assertThat(registry.promoted(MODEL)).hasValueSatisfying(p -> {
            assertThat(p.version()).isEqualTo(2);
            assertThat(p.previousVersion()).isEqualTo(1);
        });
    }

    @Test
    void aPassingVerdictGatedAgainstAnotherChampionIsNotPromotedAutomatically() {
        promote("a");
        commit(registry.onTrained(trained("b")));
        commit(registry.onTrained(trained("c")));
        commit(registry.onEvaluated(judged("b", true), AUTO));
        assertThat(history().championVersion()).isEqualTo(2);

        // c was gated against version 1, but version 2 became champion meanwhile
        ModelLifecycleChanged stale = commit(registry.onEvaluated(evaluated("c", true, 1), AUTO));

        assertThat(stale.stage()).isEqualTo(LifecycleStage.PASSED);
        assertThat(stale.reason()).contains("gated against v1 but the champion is now v2")
                .contains("not promoted automatically; approve it or retrain");
        assertThat(history().championVersion()).isEqualTo(2);
        assertThat(history().championChanges()).hasSize(2);
        assertThat(commit(registry.approve(MODEL, 3, "alice")).action()).isEqualTo("approval");
    }

    @Test
    void aFirstModelIsPromotedOnlyWhenGatedWithoutAChampion() {
        commit(registry.onTrained(trained("a")));
        commit(registry.onTrained(trained("b")));

        ModelLifecycleChanged first = commit(registry.onEvaluated(evaluated("a", true, null), AUTO));
        ModelLifecycleChanged second = commit(registry.onEvaluated(evaluated("b", true, null), AUTO));

        assertThat(first.stage()).isEqualTo(LifecycleStage.CHAMPION);
        assertThat(second.stage()).isEqualTo(LifecycleStage.PASSED);
        assertThat(second.reason()).contains("gated against no champion but the champion is now v1");
        assertThat(history().championVersion()).isEqualTo(1);
    }

    @Test
    void aPassingVerdictGatedAgainstAChampionThatIsNoLongerThereIsNotPromoted() {
        commit(registry.onTrained(trained("a")));

        ModelLifecycleChanged event = commit(registry.onEvaluated(evaluated("a", true, 7), AUTO));

        assertThat(event.stage()).isEqualTo(LifecycleStage.PASSED);
        assertThat(event.reason()).contains("gated against v7 but there is no champion now");
    }

    @Test
    void aFailedCandidateNeverBecomesChampionByItself() {
        commit(registry.onTrained(trained("a")));

        ModelLifecycleChanged event = commit(registry.onEvaluated(judged("a", false), AUTO));

        assertThat(event.stage()).isEqualTo(LifecycleStage.FAILED);
        assertThat(event.reason()).isEqualTo("failed 1 of 1 gates");
        assertThat(history().championVersion()).isNull();
        assertThat(registry.promoted(MODEL)).isEmpty();
        assertThat(registry.onEvaluated(judged("a", true), AUTO)).isEmpty();
    }

    @Test
    void aFailedChallengerLeavesTheChampionInPlace() {
        promote("a");
        commit(registry.onTrained(trained("b")));

        commit(registry.onEvaluated(judged("b", false), AUTO));

        assertThat(history().championVersion()).isEqualTo(1);
        assertThat(history().version(1).orElseThrow().stage()).isEqualTo(LifecycleStage.CHAMPION);
        assertThat(history().version(2).orElseThrow().stage()).isEqualTo(LifecycleStage.FAILED);
    }

    @Test
    void manualPromotionLeavesAPassedCandidateWaitingForApproval() {
        commit(registry.onTrained(trained("a")));

        ModelLifecycleChanged event = commit(registry.onEvaluated(judged("a", true), MANUAL));

        assertThat(event.stage()).isEqualTo(LifecycleStage.PASSED);
        assertThat(event.reason()).contains("awaiting approval");
        assertThat(history().championVersion()).isNull();
        assertThat(registry.promoted(MODEL)).isEmpty();
        assertThat(history().allAliases()).containsExactly(Map.entry("challenger", 1));
    }

    @Test
    void approvalMakesAPassedVersionChampionNamingTheApprover() {
        promote("a");
        commit(registry.onTrained(trained("b")));
        commit(registry.onEvaluated(judged("b", true), MANUAL));

        ModelLifecycleChanged event = commit(registry.approve(MODEL, 2, "alice"));

        assertThat(event.stage()).isEqualTo(LifecycleStage.CHAMPION);
        assertThat(event.action()).isEqualTo("approval");
        assertThat(event.actor()).isEqualTo("user alice (approve)");
        assertThat(event.previousVersion()).isEqualTo(1);
        ModelPromoted promoted = registry.promoted(MODEL).orElseThrow();
        assertThat(promoted.version()).isEqualTo(2);
        assertThat(promoted.previousVersion()).isEqualTo(1);
        assertThat(promoted.action()).isEqualTo("approval");
        assertThat(promoted.actor()).isEqualTo("user alice (approve)");
        assertThat(promoted.reason()).startsWith("approved by alice");
    }

    @Test
    void approvalIsRefusedForAFailedAnUnevaluatedAnUnknownOrTheChampionVersion() {
        promote("a");
        commit(registry.onTrained(trained("b")));
        commit(registry.onEvaluated(judged("b", false), MANUAL));
        commit(registry.onTrained(trained("c")));

        assertRefused(() -> registry.approve(MODEL, 2, "alice"), RegistryRefusal.Kind.CONFLICT, "override");
        assertRefused(() -> registry.approve(MODEL, 3, "alice"), RegistryRefusal.Kind.CONFLICT, "not evaluated");
        assertRefused(() -> registry.approve(MODEL, 9, "alice"), RegistryRefusal.Kind.UNKNOWN, "no version 9");
        assertRefused(() -> registry.approve(MODEL, 1, "alice"), RegistryRefusal.Kind.CONFLICT, "already champion");
        assertRefused(() -> registry.approve("nobody", 1, "alice"), RegistryRefusal.Kind.UNKNOWN, "no versions");
    }

    @Test
    void aRollbackPromotesThePreviousChampionAndRepeatedRollbacksWalkFurtherBack() {
        promote("a");
        promote("b");
        promote("c");

        ModelLifecycleChanged first = commit(registry.rollback(MODEL, null, "olivia", "latency regression"));

        assertThat(first.version()).isEqualTo(2);
        assertThat(first.previousVersion()).isEqualTo(3);
        assertThat(first.action()).isEqualTo("rollback");
        assertThat(first.reason()).isEqualTo("rollback from version 3 to version 2 by olivia: latency regression");
        assertThat(registry.promoted(MODEL).orElseThrow()).satisfies(p -> {
            assertThat(p.version()).isEqualTo(2);
            assertThat(p.previousVersion()).isEqualTo(3);
            assertThat(p.action()).isEqualTo("rollback");
            assertThat(p.reason()).startsWith("rollback from version 3 to version 2");
        });
        assertThat(history().version(3).orElseThrow().stage()).isEqualTo(LifecycleStage.ARCHIVED);

        commit(registry.rollback(MODEL, null, "olivia", null));

        assertThat(history().championVersion()).isEqualTo(1);
        assertRefused(() -> registry.rollback(MODEL, null, "olivia", null), RegistryRefusal.Kind.CONFLICT,
                "no earlier champion");
    }

    @Test
    void aRollbackToANamedVersionOnlyTakesAnEarlierChampionOlderThanTheCurrentOne() {
        promote("a");
        commit(registry.onTrained(trained("b")));
        commit(registry.onEvaluated(judged("b", true), MANUAL));
        commit(registry.onTrained(trained("c")));
        commit(registry.onEvaluated(judged("c", false), MANUAL));
        commit(registry.onTrained(trained("d")));
        commit(registry.onEvaluated(judged("d", true), MANUAL));
        commit(registry.approve(MODEL, 2, "alice"));

        assertRefused(() -> registry.rollback(MODEL, 3, "olivia", null), RegistryRefusal.Kind.CONFLICT,
                "never champion");
        assertRefused(() -> registry.rollback(MODEL, 3, "olivia", null), RegistryRefusal.Kind.CONFLICT, "override");
        assertRefused(() -> registry.rollback(MODEL, 4, "olivia", null), RegistryRefusal.Kind.CONFLICT,
                "approve it instead");
        assertRefused(() -> registry.rollback(MODEL, 2, "olivia", null), RegistryRefusal.Kind.CONFLICT,
                "already champion");
        commit(registry.rollback(MODEL, 1, "olivia", null));
        assertThat(history().championVersion()).isEqualTo(1);
        assertRefused(() -> registry.rollback(MODEL, 2, "olivia", null), RegistryRefusal.Kind.CONFLICT,
                "newer than the champion");
        assertRefused(() -> registry.rollback(MODEL, 2, "olivia", null), RegistryRefusal.Kind.CONFLICT, "approve");
        assertThat(history().championVersion()).isEqualTo(1);
    }

    @Test
    void anOverrideWithoutAWrittenJustificationIsRefused() {
        commit(registry.onTrained(trained("a")));
        commit(registry.onEvaluated(judged("a", false), AUTO));

        assertRefused(() -> registry.override(MODEL, 1, "alice", null), RegistryRefusal.Kind.INVALID, "justification");
        assertRefused(() -> registry.override(MODEL, 1, "alice", "  "), RegistryRefusal.Kind.INVALID, "justification");
        assertThat(history().championVersion()).isNull();
    }

    @Test
    void anOverridePromotesAFailedVersionAndKeepsItsJustification() {
        promote("a");
        commit(registry.onTrained(trained("b")));
        commit(registry.onEvaluated(judged("b", false), AUTO));

        ModelLifecycleChanged event = commit(registry.override(MODEL, 2, "alice", "fairness gate mis-specified"));

        assertThat(event.action()).isEqualTo("override");
        assertThat(event.justification()).isEqualTo("fairness gate mis-specified");
        assertThat(event.actor()).isEqualTo("user alice (override)");
        assertThat(history().championVersion()).isEqualTo(2);
        assertThat(history().championChanges()).last().satisfies(c -> {
            assertThat(c.action()).isEqualTo("override");
            assertThat(c.justification()).isEqualTo("fairness gate mis-specified");
            assertThat(c.previousVersion()).isEqualTo(1);
        });
        assertThat(registry.promoted(MODEL).orElseThrow().reason())
                .isEqualTo("override by alice of a failed verdict (failed 1 of 1 gates): fairness gate mis-specified");
    }

    @Test
    void anOverrideOfAPassedVersionIsRefused() {
        commit(registry.onTrained(trained("a")));
        commit(registry.onEvaluated(judged("a", true), MANUAL));

        assertRefused(() -> registry.override(MODEL, 1, "alice", "because"), RegistryRefusal.Kind.CONFLICT, "approve");
    }

    @Test
    void theHistoryListsEveryChampionChangeWithWhoAndWhy() {
        promote("a");
        promote("b");
        commit(registry.rollback(MODEL, null, "olivia", "errors"));

        assertThat(history().championChanges())
                .extracting(ChampionChange::version, ChampionChange::previousVersion, ChampionChange::action,
                        ChampionChange::actor)
                .containsExactly(tuple(1, null, "auto", "registry (auto: passed its gates)"),
                        tuple(2, 1, "auto", "registry (auto: passed its gates)"),
                        tuple(1, 2, "rollback", "user olivia (rollback)"));
        assertThat(history().championChanges()).allSatisfy(c -> assertThat(c.at()).isEqualTo(NOW));
    }

    @Test
    void userAliasesAreSetMovedAndRemovedOneEventEach() {
        promote("a");
        promote("b");

        ModelLifecycleChanged set = commit(registry.setAlias(MODEL, "eu-prod", 1, "olivia"));
        assertThat(set.stage()).isEqualTo(LifecycleStage.ALIAS_SET);
        assertThat(set.alias()).isEqualTo("eu-prod");
        assertThat(registry.setAlias(MODEL, "eu-prod", 1, "olivia")).isEmpty();
        commit(registry.setAlias(MODEL, "eu-prod", 2, "olivia"));
        assertThat(history().allAliases()).containsExactly(Map.entry("champion", 2), Map.entry("eu-prod", 2));

        ModelLifecycleChanged removed = commit(registry.removeAlias(MODEL, "eu-prod", "olivia"));

        assertThat(removed.stage()).isEqualTo(LifecycleStage.ALIAS_REMOVED);
        assertThat(history().aliases()).isEmpty();
        assertRefused(() -> registry.removeAlias(MODEL, "eu-prod", "olivia"), RegistryRefusal.Kind.UNKNOWN, "no alias");
    }

    @Test
    void reservedInvalidAndDanglingAliasesAreRefused() {
        promote("a");

        assertRefused(() -> registry.setAlias(MODEL, "champion", 1, "o"), RegistryRefusal.Kind.INVALID, "maintained");
        assertRefused(() -> registry.setAlias(MODEL, "challenger", 1, "o"), RegistryRefusal.Kind.INVALID, "maintained");
        assertRefused(() -> registry.setAlias(MODEL, "Has Space", 1, "o"), RegistryRefusal.Kind.INVALID, "not valid");
        assertRefused(() -> registry.setAlias(MODEL, "later", 5, "o"), RegistryRefusal.Kind.UNKNOWN, "no version 5");
    }

    @Test
    void theChallengerIsTheNewestPassedVersionNewerThanTheChampion() {
        promote("a");
        commit(registry.onTrained(trained("b")));
        commit(registry.onEvaluated(judged("b", true), MANUAL));
        commit(registry.onTrained(trained("c")));
        commit(registry.onEvaluated(judged("c", true), MANUAL));
        commit(registry.onTrained(trained("d")));
        commit(registry.onEvaluated(judged("d", false), MANUAL));

        assertThat(history().challenger()).map(ModelVersion::version).contains(3);
        commit(registry.approve(MODEL, 3, "alice"));
        assertThat(history().challenger()).isEmpty();
        commit(registry.rollback(MODEL, null, "olivia", null));
        assertThat(history().challenger()).map(ModelVersion::version).contains(3);
    }

    @Test
    void aReplayedEvaluationPromotesNothingTwice() {
        promote("a");
        promote("b");

        assertThat(registry.onEvaluated(judged("a", true), AUTO)).isEmpty();
        assertThat(registry.onEvaluated(judged("b", true), AUTO)).isEmpty();
        assertThat(history().championVersion()).isEqualTo(2);
        assertThat(history().championChanges()).hasSize(2);
    }

    @Test
    void anEvaluationOfAnUnrecordedCandidateIsRefusedUntilItsTrainedEventIsApplied() {
        assertThat(registry.knowsCandidate(MODEL, cid("a"))).isFalse();
        assertRefused(() -> registry.onEvaluated(judged("a", true), AUTO), RegistryRefusal.Kind.UNKNOWN,
                "not recorded");

        commit(registry.onTrained(trained("a")));

        assertThat(registry.knowsCandidate(MODEL, cid("a"))).isTrue();
        assertThat(commit(registry.onEvaluated(judged("a", true), AUTO)).stage()).isEqualTo(LifecycleStage.CHAMPION);
    }

    @Test
    void decisionsDoNotChangeTheStateUntilTheirEventsAreApplied() {
        Optional<ModelLifecycleChanged> undecided = registry.onTrained(trained("a"));

        assertThat(registry.model(MODEL)).isEmpty();
        assertThat(registry.onTrained(trained("a"))).isEqualTo(undecided);
    }

    @Test
    void eventIdsAreDerivedFromModelPositionStageVersionAndAlias() {
        ModelLifecycleChanged event = commit(registry.onTrained(trained("a")));

        assertThat(event.eventId()).isEqualTo(Registry.eventId(MODEL, 0, LifecycleStage.CANDIDATE, 1, null));
        assertThat(Registry.eventId(MODEL, 0, LifecycleStage.CANDIDATE, 1, null))
                .isNotEqualTo(Registry.eventId(MODEL, 1, LifecycleStage.CANDIDATE, 1, null))
                .isNotEqualTo(Registry.eventId(MODEL, 0, LifecycleStage.CANDIDATE, 2, null))
                .isNotEqualTo(Registry.eventId(MODEL, 0, LifecycleStage.PASSED, 1, null))
                .isNotEqualTo(Registry.eventId(MODEL, 0, LifecycleStage.ALIAS_SET, 1, "x"))
                .isNotEqualTo(Registry.eventId("other", 0, LifecycleStage.CANDIDATE, 1, null));
    }

    @Test
    void theChampionsPromotionCarriesLineageMetricsAndReason() {
        promote("a");

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
        assertThat(promoted.action()).isEqualTo("auto");
        assertThat(promoted.promotedAt()).isEqualTo(NOW);
        assertThat(promoted.validate()).isSameAs(promoted);
    }

    @Test
    void rebuildingFromTheLogYieldsEqualStateWithAliasesAndHistory() {
        promote("a");
        commit(registry.onTrained(trained("b")));
        commit(registry.onEvaluated(judged("b", false), AUTO));
        promote("c");
        commit(registry.setAlias(MODEL, "stable", 1, "olivia"));
        commit(registry.rollback(MODEL, null, "olivia", "errors"));
        commit(registry.override(MODEL, 2, "alice", "gate misconfigured"));
        commit(registry.onTrained(trained("d")));
        commit(registry.onTrained(trained("other-model", "z")));

        Registry rebuilt = new Registry(Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC), "writer-b");
        log.stream().map(e -> Json.decode(Json.encode(e), ModelLifecycleChanged.class))
                .forEach(e -> assertThat(rebuilt.apply(e).outcome()).isEqualTo(Outcome.APPLIED));

        assertThat(rebuilt.models()).isEqualTo(registry.models());
        assertThat(rebuilt.promoted(MODEL)).isEqualTo(registry.promoted(MODEL));
        assertThat(rebuilt.model(MODEL).orElseThrow().aliases()).containsExactly(Map.entry("stable", 1));
        assertThat(rebuilt.model(MODEL).orElseThrow().championChanges()).extracting(ChampionChange::action)
                .containsExactly("auto", "auto", "rollback", "override");
        assertThat(rebuilt.onTrained(trained("c"))).isEmpty();
        assertThat(rebuilt.onEvaluated(evaluated("c", true), AUTO)).isEmpty();
    }

    @Test
    void anEventThatDoesNotFitTheStateIsRejectedAndTakesNoPosition() {
        ModelLifecycleChanged skipped = new ModelLifecycleChanged("x", null, MODEL, 2, cid("b"),
                LifecycleStage.CANDIDATE, "r", NOW, trained("b"), null, 0L, "w", null, null, null, null, null);
        ModelLifecycleChanged unknown = new ModelLifecycleChanged("y", null, MODEL, 1, cid("a"),
                LifecycleStage.CHAMPION, "r", NOW, null, null, 0L, "w", null, null, null, null, null);

        assertThat(registry.apply(skipped)).satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(a.detail()).contains("next version 1");
        });
        assertThat(registry.apply(unknown).detail()).contains("unknown version");
        commit(registry.onTrained(trained("a")));
        ModelLifecycleChanged unevaluated = new ModelLifecycleChanged("z", null, MODEL, 1, cid("a"),
                LifecycleStage.CHAMPION, "r", NOW, null, null, 1L, "w", null, "approval", null, null, null);
        ModelLifecycleChanged wrongCandidate = new ModelLifecycleChanged("v", null, MODEL, 1, cid("b"),
                LifecycleStage.ALIAS_SET, "r", NOW, null, null, 1L, "w", null, null, null, null, "x");
        assertThat(registry.apply(unevaluated).detail()).contains("not evaluated");
        assertThat(registry.apply(wrongCandidate).detail()).contains("but version 1 is");
        assertThat(history().versions()).hasSize(1);
        assertThat(history().championVersion()).isNull();
        assertThat(history().position()).isEqualTo(1);
    }

    @Test
    void aFailedVersionPromotedWithoutAJustifiedOverrideIsRejectedOnTheLog() {
        commit(registry.onTrained(trained("a")));
        commit(registry.onEvaluated(judged("a", false), AUTO));
        ModelLifecycleChanged forged = new ModelLifecycleChanged("f", null, MODEL, 1, cid("a"),
                LifecycleStage.CHAMPION, "r", NOW, null, null, 2L, "w", null, "override", "user x", " ", null);

        assertThat(registry.apply(forged).outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(history().championVersion()).isNull();
    }

    @Test
    void anEvaluationJudgedUnderAnotherModelsSpecIsRefused() {
        assertThatThrownBy(() -> registry.onEvaluated(judged("a", true), spec("another", "auto")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void promote(String candidate) {
        commit(registry.onTrained(trained(candidate)));
        commit(registry.onEvaluated(judged(candidate, true), AUTO));
    }

    private ModelLifecycleChanged commit(Optional<ModelLifecycleChanged> event) {
        return commit(event.orElseThrow());
    }

    private ModelLifecycleChanged commit(ModelLifecycleChanged event) {
        assertThat(registry.apply(event).outcome()).isEqualTo(Outcome.APPLIED);
        log.add(event);
        return event;
    }

    static void assertRefused(Runnable request, RegistryRefusal.Kind kind, String detail) {
        assertThatThrownBy(request::run).isInstanceOfSatisfying(RegistryRefusal.class, r -> {
            assertThat(r.kind()).isEqualTo(kind);
            assertThat(r.getMessage()).contains(detail);
        });
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

    /** An evaluation gated against the registry's current champion, as the evaluator does. */
    private ModelEvaluated judged(String candidate, boolean passed) {
        return evaluated(candidate, passed, registry.model(MODEL).map(ModelHistory::championVersion).orElse(null));
    }

    static ModelEvaluated evaluated(String candidate, boolean passed) {
        return evaluated(candidate, passed, null);
    }

    static ModelEvaluated evaluated(String candidate, boolean passed, Integer championVersion) {
        return new ModelEvaluated("evaluated-" + candidate + "-" + passed, "trained-" + MODEL + "-" + candidate, MODEL,
                cid(candidate), "sha256:" + "a".repeat(64), championVersion, Map.of("accuracy", passed ? 0.91 : 0.41), null,
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
