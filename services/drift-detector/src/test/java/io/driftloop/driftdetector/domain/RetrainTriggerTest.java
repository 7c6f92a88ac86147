package io.driftloop.driftdetector.domain;

import static io.driftloop.driftdetector.domain.Fixtures.MODEL;
import static io.driftloop.driftdetector.domain.Fixtures.T0;
import static io.driftloop.driftdetector.domain.RetrainPolicyTest.NOW;
import static io.driftloop.driftdetector.domain.RetrainPolicyTest.drifted;
import static io.driftloop.driftdetector.domain.RetrainPolicyTest.stats;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.events.RetrainTrigger;
import io.driftloop.contracts.events.Verdict;
import io.driftloop.contracts.spec.Correction;
import io.driftloop.contracts.spec.DriftSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hysteresis, one request in flight, maximum model age and the manual trigger of {@link RetrainPolicy}. */
class RetrainTriggerTest {

    final MutableClock clock = new MutableClock(NOW);
    final RetrainPolicy policy = new RetrainPolicy(clock);

    static DriftSpec spec(Duration cooldown, int hysteresis, Duration maxModelAge) {
        return new DriftSpec(100, 0.05, 0.5, cooldown, 50, 80, 2000, hysteresis, Duration.ofHours(1), maxModelAge,
                Correction.BENJAMINI_HOCHBERG, null, null, null, null, 3);
    }

    @Nested
    class Hysteresis {

        final DriftSpec drift = spec(Duration.ZERO, 3, null);

        @Test
        void aDriftRequestNeedsThreeConsecutiveDriftedWindowsAndEachExplainsTheCount() {
            Decision first = policy.drift(drifted("s1", 3), drift);
            Decision second = policy.drift(drifted("s2", 3), drift);
            Decision third = policy.drift(drifted("s3", 3), drift);

            assertThat(first.requested()).isFalse();
            assertThat(first.explanation()).startsWith("drifted but no request yet: drifted window 1 of 3 needed");
            assertThat(second.requested()).isFalse();
            assertThat(second.explanation()).contains("drifted window 2 of 3 needed");
            assertThat(third.requested()).isTrue();
            assertThat(third.request().orElseThrow().reason()).startsWith("drift: 2 of 3 features drifted")
                    .contains("3 consecutive drifted windows (hysteresis 3)");
            assertThat(third.request().orElseThrow().causationId()).isEqualTo("s3");
        }

        @Test
        void aWindowWithoutDriftStartsTheCountAgain() {
            policy.drift(drifted("s1", 3), drift);
            policy.drift(drifted("s2", 3), drift);
            Decision calm = policy.drift(stats("s3", 3, false, false, false), drift);

            assertThat(calm.explanation()).contains("the count of 2 consecutive drifted windows starts again");
            assertThat(policy.drift(drifted("s4", 3), drift).explanation()).contains("drifted window 1 of 3");
            assertThat(policy.drift(drifted("s5", 3), drift).requested()).isFalse();
            assertThat(policy.drift(drifted("s6", 3), drift).requested()).isTrue();
        }

        @Test
        void windowsOfAnotherChampionStartTheCountAgain() {
            policy.drift(drifted("s1", 3), drift);
            policy.drift(drifted("s2", 3), drift);

            assertThat(policy.drift(drifted("s3", 4), drift).explanation()).contains("drifted window 1 of 3");
        }

        @Test
        void aNewChampionStartsTheCountAgain() {
            policy.championChanged(MODEL, 3, T0);
            policy.drift(drifted("s1", 3), drift);
            policy.drift(drifted("s2", 3), drift);
            policy.championChanged(MODEL, 4, NOW);

            assertThat(policy.drift(drifted("s3", 4), drift).explanation()).contains("drifted window 1 of 3");
        }

        @Test
        void aRequestUsesTheCountUpSoTheNextNeedsThreeNewDriftedWindows() {
            for (int i = 1; i <= 3; i++) {
                policy.drift(drifted("s" + i, 3), drift);
            }
            clock.advance(Duration.ofMinutes(1));
            policy.evaluated(MODEL, "cand-1", Verdict.PASSED, clock.instant(), drift, 0, "v1", "passed");

            assertThat(policy.drift(drifted("s4", 3), drift).requested()).isFalse();
            assertThat(policy.drift(drifted("s5", 3), drift).requested()).isFalse();
            Decision again = policy.drift(drifted("s6", 3), drift);
            assertThat(again.requested()).isTrue();
            assertThat(again.explanation()).contains("repeated: champion v3 still drifts")
                    .contains("answered by the passed verdict on cand-1");
        }
    }

    @Nested
    class InFlight {

        final DriftSpec drift = spec(Duration.ZERO, 1, null);

        @Test
        void oneRealDriftMakesOneRequestAndFoldsTheRepeatAlarms() {
            RetrainRequested open = policy.drift(drifted("s0", 3), drift).request().orElseThrow();
            int requests = 1;
            int folded = 0;
            for (int i = 1; i < 30; i++) {
                clock.advance(Duration.ofMinutes(1));
                Decision d = policy.drift(drifted("s" + i, 3), drift);
                requests += d.requested() ? 1 : 0;
                folded += d.folded() ? 1 : 0;
                assertThat(d.explanation()).contains("request " + open.eventId() + " (drift, at " + NOW + ") is in flight")
                        .contains("(" + i + " folded so far)");
            }

            assertThat(requests).isEqualTo(1);
            assertThat(folded).isEqualTo(29);
        }

        @Test
        void aWindowWithoutDriftIsNotAFoldedAlarm() {
            policy.drift(drifted("s0", 3), drift);

            Decision calm = policy.drift(stats("s1", 3, false, false, false), drift);

            assertThat(calm.folded()).isFalse();
            assertThat(calm.explanation()).startsWith("no drift");
        }

        @ParameterizedTest(name = "{0}")
        @org.junit.jupiter.params.provider.EnumSource(Verdict.class)
        void aVerdictForTheModelReleasesTheOpenRequestWhateverItsOutcome(Verdict verdict) {
            policy.drift(drifted("s0", 3), drift);
            clock.advance(Duration.ofMinutes(5));
            policy.evaluated(MODEL, "cand-1", verdict, clock.instant(), drift, 0, "v1", "summary");

            assertThat(policy.inFlight(MODEL, drift)).isEmpty();
            Decision next = policy.drift(drifted("s1", 3), drift);
            // a verdict that did not pass arms the next attempt, which the alarm is folded into
            assertThat(next.requested()).isEqualTo(verdict == Verdict.PASSED);
            assertThat(next.folded()).isEqualTo(verdict != Verdict.PASSED);
        }

        @Test
        void aVerdictForAnotherModelReleasesNothing() {
            RetrainRequested open = policy.drift(drifted("s0", 3), drift).request().orElseThrow();
            policy.evaluated("other-model", "cand-1", Verdict.PASSED, NOW.plusSeconds(1), drift, 0, "v1", "passed");

            assertThat(policy.inFlight(MODEL, drift)).contains(open);
            assertThat(policy.drift(drifted("s1", 3), drift).folded()).isTrue();
        }

        @Test
        void aVerdictOlderThanTheOpenRequestReadLateLeavesItInFlight() {
            RetrainRequested open = policy.drift(drifted("s0", 3), drift).request().orElseThrow();
            policy.evaluated(MODEL, "cand-old", Verdict.PASSED, NOW.minusSeconds(1), drift, 0, "v1", "passed");

            assertThat(policy.inFlight(MODEL, drift)).contains(open);
        }

        @Test
        void aVerdictWithoutTimeReleasesWhatWasRequestedUntilNow() {
            policy.drift(drifted("s0", 3), drift);
            clock.advance(Duration.ofSeconds(1));
            policy.evaluated(MODEL, "cand-1", Verdict.PASSED, null, drift, 0, "v1", "passed");

            assertThat(policy.inFlight(MODEL, drift)).isEmpty();
        }

        @Test
        void replayedRequestsAndVerdictsLeaveOnlyTheUnansweredRequestInFlight() {
            RetrainRequested first = request("r1", RetrainTrigger.BOOTSTRAP, NOW.minus(Duration.ofMinutes(40)));
            RetrainRequested second = request("r2", RetrainTrigger.DRIFT, NOW.minus(Duration.ofMinutes(10)));
            policy.observe(first);
            policy.observe(second);
            policy.evaluated(MODEL, "cand-1", Verdict.PASSED, NOW.minus(Duration.ofMinutes(30)), drift, 0, "v1", "passed");

            assertThat(policy.inFlight(MODEL, drift)).contains(second);
        }

        @Test
        void aChampionPromotedAfterTheRequestReleasesIt() {
            policy.championChanged(MODEL, 3, T0);
            policy.drift(drifted("s0", 3), drift);
            policy.championChanged(MODEL, 4, NOW.plusSeconds(1));

            assertThat(policy.inFlight(MODEL, drift)).isEmpty();
        }

        @Test
        void aChampionPromotedBeforeTheRequestLeavesItInFlight() {
            RetrainRequested open = request("r1", RetrainTrigger.DRIFT, NOW.minus(Duration.ofMinutes(1)));
            policy.observe(open);
            policy.championChanged(MODEL, 3, T0);

            assertThat(policy.inFlight(MODEL, drift)).contains(open);
        }

        @Test
        void theInFlightTimeoutReleasesTheRequest() {
            policy.drift(drifted("s0", 3), drift);
            clock.advance(Duration.ofHours(1).minusMillis(1));
            assertThat(policy.drift(drifted("s1", 3), drift).folded()).isTrue();

            clock.advance(Duration.ofMillis(1));
            assertThat(policy.inFlight(MODEL, drift)).isEmpty();
            assertThat(policy.drift(drifted("s2", 3), drift).requested()).isTrue();
        }

        @Test
        void aRequestSeenOnTheTopicIsInFlightToo() {
            policy.observe(request("op", RetrainTrigger.MANUAL, NOW.minusSeconds(5)));

            Decision d = policy.drift(drifted("s0", 3), drift);

            assertThat(d.folded()).isTrue();
            assertThat(d.explanation()).contains("request op (manual, at " + NOW.minusSeconds(5) + ")");
        }

        @Test
        void aBootstrapInFlightHoldsBackAnotherBootstrapEvenAfterTheCooldown() {
            policy.bootstrap(MODEL, drift, false, 50);
            clock.advance(Duration.ofMinutes(30));

            Decision d = policy.bootstrap(MODEL, drift, false, 500);

            assertThat(d.requested()).isFalse();
            assertThat(d.explanation()).startsWith("no bootstrap: request ").contains("in flight");
        }

        @Test
        void requestsInFlightAreKeptPerModel() {
            policy.drift(drifted("s0", 3), drift);

            assertThat(policy.bootstrap("other-model", drift, false, 50).requested()).isTrue();
        }
    }

    @Nested
    class MaximumModelAge {

        final DriftSpec drift = spec(Duration.ofMinutes(10), 1, Duration.ofHours(12));

        @Test
        void aChampionOlderThanTheMaximumAgeIsRetrainedOnSchedule() {
            Decision d = policy.schedule(MODEL, drift, 3, T0);

            RetrainRequested r = d.request().orElseThrow();
            assertThat(r.trigger()).isEqualTo(RetrainTrigger.SCHEDULE);
            assertThat(r.reason()).isEqualTo("schedule: champion v3 promoted at " + T0
                    + " is PT24H old, older than the maximum age of PT12H");
            assertThat(r.dataSince()).isNull();
            assertThat(r.causationId()).isNull();
            assertThat(r.minExamples()).isEqualTo(80);
            assertThat(r.requestedAt()).isEqualTo(NOW);
            assertThat(r.validate()).isSameAs(r);
        }

        @Test
        void aChampionExactlyAtTheMaximumAgeIsNotRetrainedYet() {
            Decision d = policy.schedule(MODEL, drift, 3, NOW.minus(Duration.ofHours(12)));

            assertThat(d.requested()).isFalse();
            assertThat(d.explanation()).contains("is PT12H old, within the maximum age of PT12H");
        }

        @Test
        void withoutAMaximumAgeNothingIsScheduled() {
            Decision d = policy.schedule(MODEL, spec(Duration.ZERO, 1, null), 3, T0);

            assertThat(d.requested()).isFalse();
            assertThat(d.explanation()).isEqualTo("no maximum model age set");
        }

        @Test
        void aModelWithoutChampionIsNotScheduled() {
            assertThat(policy.schedule(MODEL, drift, null, null).explanation()).contains("has no champion");
        }

        @Test
        void theScheduledRequestIsMadeOnceWhileItIsInFlight() {
            RetrainRequested first = policy.schedule(MODEL, drift, 3, T0).request().orElseThrow();
            clock.advance(Duration.ofMinutes(20));

            Decision d = policy.schedule(MODEL, drift, 3, T0);

            assertThat(d.requested()).isFalse();
            assertThat(d.explanation()).contains("request " + first.eventId() + " (schedule, at " + NOW + ")")
                    .contains("is PT24H20M old");
        }

        @Test
        void anOpenDriftRequestHoldsBackTheSchedule() {
            policy.drift(drifted("s0", 3), drift);

            assertThat(policy.schedule(MODEL, drift, 3, T0).explanation()).contains("(drift, at " + NOW + ")");
        }

        @Test
        void aFailedScheduledRetrainingIsAttemptedAgainOnceTheExamplesGrewNotAfterACooldown() {
            RetrainRequested first = policy.schedule(MODEL, drift, 3, T0).request().orElseThrow();
            clock.advance(Duration.ofMinutes(5));
            policy.evaluated(MODEL, "cand-1", Verdict.FAILED, clock.instant(), drift, 1000, "v1", "failed");
            assertThat(policy.schedule(MODEL, drift, 3, T0).explanation()).contains("attempt 2 of 3").contains("armed");
            assertThat(policy.retry(MODEL, drift, 1079).requested()).isFalse();

            RetrainRequested again = policy.retry(MODEL, drift, 1080).request().orElseThrow();
            assertThat(again.trigger()).isEqualTo(RetrainTrigger.SCHEDULE);
            assertThat(again.attemptNumber()).isEqualTo(2);
            assertThat(again.series()).isEqualTo(first.eventId());
        }

        @Test
        void aNewYoungChampionStopsTheSchedule() {
            policy.schedule(MODEL, drift, 3, T0);
            policy.championChanged(MODEL, 4, NOW.plusSeconds(1));
            clock.advance(Duration.ofMinutes(1));

            assertThat(policy.schedule(MODEL, drift, 4, NOW.plusSeconds(1)).requested()).isFalse();
        }
    }

    @Nested
    class Manual {

        final DriftSpec drift = spec(Duration.ofMinutes(10), 1, null);

        @Test
        void anOperatorsRequestIsMadeAtOnceWithTheGivenReason() {
            RetrainRequested r = policy.manual(MODEL, drift, " new labels arrived ", false).request().orElseThrow();

            assertThat(r.trigger()).isEqualTo(RetrainTrigger.MANUAL);
            assertThat(r.reason()).isEqualTo("manual: new labels arrived");
            assertThat(r.dataSince()).isNull();
            assertThat(r.minExamples()).isEqualTo(80);
            assertThat(r.requestedAt()).isEqualTo(NOW);
            assertThat(policy.inFlight(MODEL, drift)).contains(r);
        }

        @Test
        void withoutAReasonTheRequestSaysAnOperatorAsked() {
            assertThat(policy.manual(MODEL, drift, null, false).explanation()).isEqualTo("manual: requested by an operator");
        }

        @Test
        void theCooldownDoesNotHoldBackAnOperator() {
            policy.drift(drifted("s0", 3), drift);
            clock.advance(Duration.ofMinutes(1));
            policy.evaluated(MODEL, "cand-1", Verdict.FAILED, clock.instant(), drift, 0, "v1", "failed");

            assertThat(policy.manual(MODEL, drift, "try again", false).requested()).isTrue();
        }

        @Test
        void aRequestInFlightRefusesTheOperatorNamingIt() {
            RetrainRequested open = policy.drift(drifted("s0", 3), drift).request().orElseThrow();

            Decision d = policy.manual(MODEL, drift, "now", false);

            assertThat(d.requested()).isFalse();
            assertThat(d.explanation()).contains("request " + open.eventId()).contains("force");
        }

        @Test
        void aForcedRequestIsMadeWhileOneIsInFlightAndBecomesTheOpenOne() {
            RetrainRequested open = policy.drift(drifted("s0", 3), drift).request().orElseThrow();
            clock.advance(Duration.ofSeconds(1));

            RetrainRequested forced = policy.manual(MODEL, drift, "now", true).request().orElseThrow();

            assertThat(forced.reason()).startsWith("manual: now (forced while request " + open.eventId());
            assertThat(policy.inFlight(MODEL, drift)).contains(forced);
        }

        @Test
        void twoForcedRequestsAtTheSameInstantHaveDifferentIds() {
            RetrainRequested a = policy.manual(MODEL, drift, "a", true).request().orElseThrow();
            RetrainRequested b = policy.manual(MODEL, drift, "b", true).request().orElseThrow();

            assertThat(a.eventId()).isNotEqualTo(b.eventId());
        }

        @Test
        void aManualRequestFoldsTheDriftAlarmsThatFollow() {
            policy.manual(MODEL, drift, "now", false);

            assertThat(policy.drift(drifted("s0", 3), drift).folded()).isTrue();
        }
    }

    static RetrainRequested request(String id, RetrainTrigger trigger, Instant at) {
        return new RetrainRequested(id, null, MODEL, trigger, "seen", null, 10, at);
    }
}
