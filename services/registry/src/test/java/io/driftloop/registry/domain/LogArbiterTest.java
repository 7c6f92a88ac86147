package io.driftloop.registry.domain;

import static io.driftloop.registry.domain.RegistryTest.AUTO;
import static io.driftloop.registry.domain.RegistryTest.MANUAL;
import static io.driftloop.registry.domain.RegistryTest.MODEL;
import static io.driftloop.registry.domain.RegistryTest.NOW;
import static io.driftloop.registry.domain.RegistryTest.cid;
import static io.driftloop.registry.domain.RegistryTest.evaluated;
import static io.driftloop.registry.domain.RegistryTest.trained;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.events.LifecycleStage;
import io.driftloop.contracts.events.ModelLifecycleChanged;
import io.driftloop.registry.domain.Registry.Outcome;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle log as the arbiter between registry instances: writers decide on their own state,
 * every reader applies the same log in the same order, and an event applies only at the position
 * it was decided at.
 */
class LogArbiterTest {

    final Registry a = new Registry(Clock.fixed(NOW, ZoneOffset.UTC), "instance-a");
    final Registry b = new Registry(Clock.fixed(NOW.plusMillis(5), ZoneOffset.UTC), "instance-b");
    final List<Registry> instances = List.of(a, b);

    @Test
    void anEventAppliesOnlyAtThePositionItWasDecidedAt() {
        ModelLifecycleChanged first = a.onTrained(trained("a")).orElseThrow();
        assertThat(first.sequence()).isZero();

        assertThat(a.apply(withSequence(first, 1L)).outcome()).isEqualTo(Outcome.LOST_RACE);
        assertThat(a.apply(first).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(a.apply(first).outcome()).isEqualTo(Outcome.LOST_RACE);
        assertThat(a.position(MODEL)).isEqualTo(1);
        assertThat(a.appliedAt(MODEL, 0)).contains(first);
        assertThat(a.appliedAt(MODEL, 1)).isEmpty();
    }

    @Test
    void ofTwoConflictingPromotionsRacingForOnePositionTheFirstOnTheLogWinsForEveryInstance() {
        shared(r -> r.onTrained(trained("a")).orElseThrow());
        shared(r -> r.onEvaluated(evaluated("a", true), MANUAL).orElseThrow());
        shared(r -> r.onTrained(trained("b")).orElseThrow());
        shared(r -> r.onEvaluated(evaluated("b", true), MANUAL).orElseThrow());

        // both decide on the same state: a approves version 1, b approves version 2
        ModelLifecycleChanged fromA = a.approve(MODEL, 1, "alice");
        ModelLifecycleChanged fromB = b.approve(MODEL, 2, "bob");
        assertThat(fromA.sequence()).isEqualTo(fromB.sequence());
        // b's event reaches the log first: every instance reads it first
        List<Registry.Applied> outcomes = new ArrayList<>();
        for (Registry instance : instances) {
            outcomes.add(instance.apply(fromB));
            outcomes.add(instance.apply(fromA));
        }

        assertThat(outcomes).extracting(Registry.Applied::outcome)
                .containsExactly(Outcome.APPLIED, Outcome.LOST_RACE, Outcome.APPLIED, Outcome.LOST_RACE);
        for (Registry instance : instances) {
            assertThat(instance.model(MODEL).orElseThrow().championVersion()).isEqualTo(2);
            assertThat(instance.model(MODEL).orElseThrow().championChanges()).singleElement()
                    .satisfies(c -> assertThat(c.actor()).isEqualTo("user bob (approve)"));
            assertThat(instance.appliedAt(MODEL, fromB.sequence())).hasValueSatisfying(
                    e -> assertThat(e.writer()).isEqualTo("instance-b"));
        }
        assertThat(a.models()).isEqualTo(b.models());
        // the loser decides again on the state that won: version 2 is champion now, so it would approve over it
        assertThat(a.approve(MODEL, 1, "alice").previousVersion()).isEqualTo(2);
    }

    @Test
    void theSameDecisionByTwoInstancesHasOneIdAndAppliesOnce() {
        shared(r -> r.onTrained(trained("a")).orElseThrow());

        ModelLifecycleChanged fromA = a.onEvaluated(evaluated("a", true), AUTO).orElseThrow();
        ModelLifecycleChanged fromB = b.onEvaluated(evaluated("a", true), AUTO).orElseThrow();
        assertThat(fromA.eventId()).isEqualTo(fromB.eventId());
        for (Registry instance : instances) {
            assertThat(instance.apply(fromA).outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(instance.apply(fromB).outcome()).isEqualTo(Outcome.LOST_RACE);
        }

        for (Registry instance : instances) {
            assertThat(instance.model(MODEL).orElseThrow().championChanges()).hasSize(1);
            assertThat(instance.appliedAt(MODEL, fromA.sequence()).orElseThrow().writer()).isEqualTo("instance-a");
            assertThat(instance.onEvaluated(evaluated("a", true), AUTO)).isEmpty();
        }
    }

    @Test
    void twoCandidatesRecordedAtOnceGetDifferentVersionsAfterTheLoserDecidesAgain() {
        ModelLifecycleChanged fromA = a.onTrained(trained("a")).orElseThrow();
        ModelLifecycleChanged fromB = b.onTrained(trained("b")).orElseThrow();
        assertThat(fromA.version()).isEqualTo(fromB.version()).isEqualTo(1);
        for (Registry instance : instances) {
            instance.apply(fromA);
            instance.apply(fromB);
        }

        ModelLifecycleChanged again = b.onTrained(trained("b")).orElseThrow();
        instances.forEach(i -> assertThat(i.apply(again).outcome()).isEqualTo(Outcome.APPLIED));

        for (Registry instance : instances) {
            assertThat(instance.model(MODEL).orElseThrow().versions()).extracting(ModelVersion::candidateId)
                    .containsExactly(cid("a"), cid("b"));
        }
    }

    @Test
    void eventsWrittenBeforeSequencesApplyOncePerIdInLogOrder() {
        ModelLifecycleChanged candidate = new ModelLifecycleChanged("c1", null, MODEL, 1, cid("a"),
                LifecycleStage.CANDIDATE, "trained", NOW, trained("a"), null);
        ModelLifecycleChanged passed = new ModelLifecycleChanged("p1", null, MODEL, 1, cid("a"),
                LifecycleStage.PASSED, "passed", NOW, null, evaluated("a", true));
        ModelLifecycleChanged champion = new ModelLifecycleChanged("ch1", null, MODEL, 1, cid("a"),
                LifecycleStage.CHAMPION, "promotion auto", NOW, null, null);
        ModelLifecycleChanged candidate2 = new ModelLifecycleChanged("c2", null, MODEL, 2, cid("b"),
                LifecycleStage.CANDIDATE, "trained", NOW, trained("b"), null);
        ModelLifecycleChanged passed2 = new ModelLifecycleChanged("p2", null, MODEL, 2, cid("b"),
                LifecycleStage.PASSED, "passed", NOW, null, evaluated("b", true));
        ModelLifecycleChanged champion2 = new ModelLifecycleChanged("ch2", null, MODEL, 2, cid("b"),
                LifecycleStage.CHAMPION, "promotion auto", NOW, null, null);
        ModelLifecycleChanged archived = new ModelLifecycleChanged("ar1", null, MODEL, 1, cid("a"),
                LifecycleStage.ARCHIVED, "replaced by version 2", NOW, null, null);

        for (ModelLifecycleChanged e : List.of(candidate, passed, champion, candidate2, passed2, champion2, archived)) {
            assertThat(a.apply(e).outcome()).isEqualTo(Outcome.APPLIED);
        }
        assertThat(a.apply(champion).outcome()).isEqualTo(Outcome.DUPLICATE);

        ModelHistory history = a.model(MODEL).orElseThrow();
        assertThat(history.championVersion()).isEqualTo(2);
        assertThat(history.previousChampionVersion()).isEqualTo(1);
        assertThat(history.version(1).orElseThrow().stage()).isEqualTo(LifecycleStage.ARCHIVED);
        assertThat(history.championChanges()).extracting(ChampionChange::version, ChampionChange::previousVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, null), org.assertj.core.groups.Tuple.tuple(2, 1));
        // new decisions continue at the position the old events reached
        assertThat(a.onTrained(trained("c")).orElseThrow().sequence()).isEqualTo(7);
    }

    /** Decided by instance a and read from the log by every instance. */
    private void shared(Function<Registry, ModelLifecycleChanged> decision) {
        ModelLifecycleChanged event = decision.apply(a);
        instances.forEach(i -> assertThat(i.apply(event).outcome()).isEqualTo(Outcome.APPLIED));
    }

    private static ModelLifecycleChanged withSequence(ModelLifecycleChanged e, Long sequence) {
        return new ModelLifecycleChanged(e.eventId(), e.causationId(), e.model(), e.version(), e.candidateId(), e.stage(),
                e.reason(), e.at(), e.trained(), e.evaluation(), sequence, e.writer(), e.previousVersion(), e.action(),
                e.actor(), e.justification(), e.alias());
    }
}
