package io.driftloop.driftdetector.domain;

import static io.driftloop.driftdetector.domain.Fixtures.MODEL;
import static io.driftloop.driftdetector.domain.Fixtures.T0;
import static io.driftloop.driftdetector.domain.RetrainPolicyTest.drifted;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.events.RetrainTrigger;
import io.driftloop.contracts.events.Verdict;
import io.driftloop.contracts.spec.DriftSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A failed or undecidable verdict arms the next attempt, counted in examples, up to drift.maxAttempts. */
class RetrainAttemptsTest {

    static final Instant NOW = T0.plus(Duration.ofDays(1));
    final MutableClock clock = new MutableClock(NOW);
    final RetrainPolicy policy = new RetrainPolicy(clock);
    final DriftSpec drift = Fixtures.spec(100).drift();

    /** A drift request whose dataset had {@code rows} rows when the model had {@code examples} examples. */
    RetrainRequested driftRequestCut(String stats, long rows, long examples) {
        RetrainRequested r = policy.drift(drifted(stats, 3), drift).request().orElseThrow();
        policy.datasetCut(MODEL, r.eventId(), rows, examples);
        return r;
    }

    Optional<RetrainPolicy.GiveUp> verdict(Verdict v, String candidate, long examples) {
        clock.advance(Duration.ofSeconds(30));
        return policy.evaluated(MODEL, candidate, v, clock.instant(), drift, examples, "verdict-" + candidate,
                "summary of " + candidate);
    }

    @Test
    void anUndecidableVerdictArmsTheNextAttemptWhichIsMadeOnceAsManyNewExamplesAsTheDatasetHadArrived() {
        RetrainRequested first = driftRequestCut("s1", 1000, 5000);
        verdict(Verdict.UNDECIDABLE, "cand-1", 5200);

        Decision waiting = policy.retry(MODEL, drift, 5999);
        assertThat(waiting.requested()).isFalse();
        assertThat(waiting.explanation()).isEqualTo("attempt 2 of 3 after the undecidable verdict on cand-1 (summary "
                + "of cand-1) is armed: it is made once the model has 6000 labelled examples (5999 now)");

        RetrainRequested second = policy.retry(MODEL, drift, 6000).request().orElseThrow();
        assertThat(second.attemptNumber()).isEqualTo(2);
        assertThat(second.series()).isEqualTo(first.eventId());
        assertThat(second.firstAttemptId()).isEqualTo(first.eventId());
        assertThat(second.trigger()).isEqualTo(RetrainTrigger.DRIFT);
        assertThat(second.dataSince()).isEqualTo(first.dataSince());
        assertThat(second.minExamples()).isEqualTo(2000);
        assertThat(second.causationId()).isEqualTo("verdict-cand-1");
        assertThat(second.reason()).startsWith(first.reason()).contains("attempt 2 of 3 after the undecidable verdict "
                + "on cand-1 (summary of cand-1)", "labelled examples grew to 6000");
        assertThat(second.validate()).isSameAs(second);
        assertThat(policy.inFlight(MODEL, drift)).contains(second);
    }

    @Test
    void aFailedVerdictStartsNoCooldownSoTheAttemptNeedNotWaitTenMinutes() {
        driftRequestCut("s1", 100, 100);
        verdict(Verdict.FAILED, "cand-1", 150);

        assertThat(policy.retry(MODEL, drift, 200).requested()).isTrue();
        assertThat(Duration.between(NOW, clock.instant())).isLessThan(drift.cooldown());
    }

    @Test
    void driftAlarmsWhileAnAttemptIsArmedAreFoldedIntoIt() {
        driftRequestCut("s1", 1000, 5000);
        verdict(Verdict.FAILED, "cand-1", 5000);
        clock.advance(Duration.ofMinutes(20));

        Decision alarm = policy.drift(drifted("s2", 3), drift);

        assertThat(alarm.requested()).isFalse();
        assertThat(alarm.folded()).isTrue();
        assertThat(alarm.explanation()).contains("attempt 2 of 3", "is armed");
    }

    @Test
    void withoutADatasetSeenTheBackoffIsTheRequestsMinimumFromTheVerdict() {
        policy.drift(drifted("s1", 3), drift);
        verdict(Verdict.UNDECIDABLE, "cand-1", 500);

        assertThat(policy.retry(MODEL, drift, 579).requested()).isFalse();
        RetrainRequested second = policy.retry(MODEL, drift, 580).request().orElseThrow();
        assertThat(second.minExamples()).isEqualTo(160);
    }

    @Test
    void afterTheLastAttemptItGivesUpOnceAndTheCooldownStartsAtThatVerdict() {
        RetrainRequested first = driftRequestCut("s1", 100, 100);
        verdict(Verdict.FAILED, "cand-1", 100);
        RetrainRequested second = policy.retry(MODEL, drift, 200).request().orElseThrow();
        policy.datasetCut(MODEL, second.eventId(), 200, 200);
        assertThat(verdict(Verdict.UNDECIDABLE, "cand-2", 200)).isEmpty();
        RetrainRequested third = policy.retry(MODEL, drift, 400).request().orElseThrow();
        assertThat(third.attemptNumber()).isEqualTo(3);
        assertThat(third.minExamples()).isEqualTo(400);

        Optional<RetrainPolicy.GiveUp> giveUp = verdict(Verdict.FAILED, "cand-3", 400);

        assertThat(giveUp).hasValueSatisfying(g -> {
            assertThat(g.attempts()).isEqualTo(3);
            assertThat(g.first()).isEqualTo(first);
            assertThat(g.verdict()).isEqualTo("failed");
            assertThat(g.explanation()).contains("after 3 of 3 attempts", "failed verdict on cand-3");
            var event = g.event();
            assertThat(event.validate()).isSameAs(event);
            assertThat(event.firstAttemptId()).isEqualTo(first.eventId());
            assertThat(event.causationId()).isEqualTo("verdict-cand-3");
            assertThat(event.trigger()).isEqualTo(RetrainTrigger.DRIFT);
            assertThat(event.attempts()).isEqualTo(3);
            assertThat(event.abandonedAt()).isEqualTo(clock.instant());
            assertThat(event.eventId()).isEqualTo(g.event().eventId());
        });
        assertThat(policy.retry(MODEL, drift, 10_000).requested()).isFalse();
        Instant gaveUpAt = clock.instant();
        assertThat(policy.drift(drifted("s2", 3), drift).explanation()).contains("cooldown of PT10M");
        clock.advance(Duration.between(clock.instant(), gaveUpAt.plus(drift.cooldown())));
        RetrainRequested fresh = policy.drift(drifted("s3", 3), drift).request().orElseThrow();
        assertThat(fresh.attemptNumber()).isEqualTo(1);
    }

    @Test
    void aPassedVerdictEndsTheSeries() {
        driftRequestCut("s1", 100, 100);
        verdict(Verdict.FAILED, "cand-1", 100);
        policy.retry(MODEL, drift, 200).request().orElseThrow();
        verdict(Verdict.PASSED, "cand-2", 300);

        assertThat(policy.retry(MODEL, drift, 100_000).requested()).isFalse();
    }

    @Test
    void aNewChampionDisarmsTheNextAttempt() {
        driftRequestCut("s1", 100, 100);
        verdict(Verdict.FAILED, "cand-1", 100);
        policy.championChanged(MODEL, 4, clock.instant());

        assertThat(policy.retry(MODEL, drift, 100_000).requested()).isFalse();
        assertThat(policy.drift(drifted("s2", 4), drift).requested()).isTrue();
    }

    @Test
    void aVerdictReadTwiceArmsOnceAndDoesNotAnswerTheAttemptItArmed() {
        driftRequestCut("s1", 100, 100);
        Instant at = clock.instant().plusSeconds(1);
        clock.advance(Duration.ofSeconds(1));
        policy.evaluated(MODEL, "cand-1", Verdict.FAILED, at, drift, 100, "v", "s");
        clock.advance(Duration.ofSeconds(1));
        policy.retry(MODEL, drift, 200).request().orElseThrow();
        // the same verdict again (read late) answers nothing new and arms nothing
        policy.evaluated(MODEL, "cand-1", Verdict.FAILED, at, drift, 100, "v", "s");

        assertThat(policy.inFlight(MODEL, drift)).isPresent();
    }

    @Test
    void aVerdictStampedAheadOfThisClockDoesNotAnswerTheAttemptMadeRightAfterIt() {
        driftRequestCut("s1", 100, 100);
        policy.evaluated(MODEL, "cand-1", Verdict.FAILED, clock.instant().plusSeconds(5), drift, 100, "v", "s");
        RetrainRequested second = policy.retry(MODEL, drift, 200).request().orElseThrow();

        assertThat(policy.inFlight(MODEL, drift)).contains(second);
    }

    @Test
    void anOperatorsRequestThatFailsIsNotAttemptedAgain() {
        policy.manual(MODEL, drift, "why", false);
        verdict(Verdict.FAILED, "cand-1", 100);

        assertThat(policy.retry(MODEL, drift, 100_000).requested()).isFalse();
    }

    @Test
    void aRestartedPolicyReadingTheSameHistoryArmsTheSameAttemptWithTheSameId() {
        RetrainRequested first = driftRequestCut("s1", 100, 100);
        verdict(Verdict.UNDECIDABLE, "cand-1", 100);
        RetrainRequested second = policy.retry(MODEL, drift, 200).request().orElseThrow();

        RetrainPolicy restarted = new RetrainPolicy(new MutableClock(clock.instant().plus(Duration.ofMinutes(1))));
        restarted.championChanged(MODEL, 3, T0);
        restarted.observe(first);
        restarted.datasetCut(MODEL, first.eventId(), 100, 100);
        restarted.evaluated(MODEL, "cand-1", Verdict.UNDECIDABLE, NOW.plusSeconds(30), drift, 100, "verdict-cand-1",
                "summary of cand-1");
        RetrainRequested again = restarted.retry(MODEL, drift, 200).request().orElseThrow();

        assertThat(again.eventId()).isEqualTo(second.eventId());
    }

    @Test
    void requestIdsFollowFromTheHistoryNotTheTime() {
        RetrainPolicy a = new RetrainPolicy(new MutableClock(NOW));
        RetrainPolicy b = new RetrainPolicy(new MutableClock(NOW.plus(Duration.ofHours(5))));
        DriftSpec aged = Fixtures.spec(100, "maxModelAge: P1D").drift();
        Instant old = T0.minus(Duration.ofDays(3));

        assertThat(a.bootstrap("m1", drift, false, 50).request().orElseThrow().eventId())
                .isEqualTo(b.bootstrap("m1", drift, false, 50).request().orElseThrow().eventId());
        assertThat(a.manual("m2", drift, "x", true).request().orElseThrow().eventId())
                .isEqualTo(b.manual("m2", drift, "y", true).request().orElseThrow().eventId());
        assertThat(a.schedule("m3", aged, 3, old).request().orElseThrow().eventId())
                .isEqualTo(b.schedule("m3", aged, 3, old).request().orElseThrow().eventId());
        // the second of a kind is another request
        RetrainRequested first = a.manual("m4", drift, "x", true).request().orElseThrow();
        assertThat(a.manual("m4", drift, "x", true).request().orElseThrow().eventId()).isNotEqualTo(first.eventId());
    }
}
