package io.driftloop.driftdetector.domain;

import static io.driftloop.driftdetector.domain.Fixtures.MODEL;
import static io.driftloop.driftdetector.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.FeatureDrift;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.events.RetrainTrigger;
import io.driftloop.contracts.events.Verdict;
import io.driftloop.contracts.spec.DriftSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RetrainPolicyTest {

    static final Instant NOW = T0.plus(Duration.ofDays(1));
    final MutableClock clock = new MutableClock(NOW);
    final RetrainPolicy policy = new RetrainPolicy(clock);
    final DriftSpec drift = Fixtures.spec(100).drift();

    static DriftStats stats(String id, Integer champion, boolean ageDrifted, boolean incomeDrifted, boolean regionDrifted) {
        List<FeatureDrift> features = List.of(
                new FeatureDrift("age", "ks", 0.4, ageDrifted ? 1e-9 : 0.4, 0.05, ageDrifted, 1000, 100, null, FeatureDrift.P_VALUE, 1.0),
                new FeatureDrift("income", "ks", 0.3, incomeDrifted ? 1e-5 : 0.6, 0.05, incomeDrifted, 1000, 100, null, FeatureDrift.P_VALUE, 1.0),
                new FeatureDrift("region", "chi-square", 2.0, regionDrifted ? 0.01 : 0.5, 0.05, regionDrifted, 1000, 100, null, FeatureDrift.P_VALUE, 1.0));
        long n = features.stream().filter(FeatureDrift::drifted).count();
        double share = n / 3.0;
        return new DriftStats(id, MODEL, champion, T0, T0.plusSeconds(99), 100, features, share, 0.5, share >= 0.5, NOW, "none");
    }

    static DriftStats drifted(String id, int champion) {
        return stats(id, champion, true, true, false);
    }

    @Test
    void aModelWithoutChampionAndEnoughExamplesGetsOneBootstrapRequest() {
        Decision d = policy.bootstrap(MODEL, drift, false, 50);

        assertThat(d.requested()).isTrue();
        RetrainRequested r = d.request().orElseThrow();
        assertThat(r.trigger()).isEqualTo(RetrainTrigger.BOOTSTRAP);
        assertThat(r.model()).isEqualTo(MODEL);
        assertThat(r.dataSince()).isNull();
        assertThat(r.causationId()).isNull();
        assertThat(r.minExamples()).isEqualTo(50);
        assertThat(r.requestedAt()).isEqualTo(NOW);
        assertThat(r.reason()).isEqualTo("bootstrap: no champion yet, 50 labelled examples");
        assertThat(r.validate()).isSameAs(r);
    }

    @Test
    void tooFewExamplesRequestNothingAndSaySo() {
        Decision d = policy.bootstrap(MODEL, drift, false, 49);

        assertThat(d.requested()).isFalse();
        assertThat(d.explanation()).contains("49 of 50");
    }

    @Test
    void aModelWithAChampionNeverBootstraps() {
        Decision d = policy.bootstrap(MODEL, drift, true, 10_000);

        assertThat(d.requested()).isFalse();
        assertThat(d.explanation()).contains("has a champion");
    }

    @Test
    void bootstrapIsRequestedOnceHoweverManyExamplesFollowWhileItIsInFlight() {
        policy.bootstrap(MODEL, drift, false, 50);

        for (int more = 51; more < 500; more += 7) {
            clock.advance(Duration.ofSeconds(1));
            Decision d = policy.bootstrap(MODEL, drift, false, more);
            assertThat(d.requested()).isFalse();
            assertThat(d.explanation()).contains("in flight");
        }
    }

    @Test
    void bootstrapIsRepeatedAfterTheInFlightTimeoutWhenStillNoChampionAppeared() {
        policy.bootstrap(MODEL, drift, false, 50);
        clock.advance(Duration.ofMinutes(10));
        assertThat(policy.bootstrap(MODEL, drift, false, 60).explanation()).contains("in flight");
        clock.advance(Duration.ofMinutes(50).minusMillis(1));
        assertThat(policy.bootstrap(MODEL, drift, false, 60).requested()).isFalse();

        clock.advance(Duration.ofMillis(1));
        Decision again = policy.bootstrap(MODEL, drift, false, 60);

        assertThat(again.requested()).isTrue();
        assertThat(again.explanation()).startsWith("bootstrap: no champion yet, 60 labelled examples")
                .contains("repeated").contains(NOW.toString());
    }

    @Test
    void aBootstrapRequestSeenOnTheTopicStartsTheCooldownAsIfMadeHere() {
        policy.observe(new RetrainRequested("x", null, MODEL, RetrainTrigger.BOOTSTRAP, "bootstrap", null, 50,
                NOW.minus(Duration.ofMinutes(3))));
        policy.evaluated(MODEL, "cand-1", Verdict.PASSED, NOW.minus(Duration.ofMinutes(1)), drift, 0, "v1", "passed");

        assertThat(policy.bootstrap(MODEL, drift, false, 80).explanation()).contains("cooldown");
        clock.advance(Duration.ofMinutes(7));
        assertThat(policy.bootstrap(MODEL, drift, false, 80).requested()).isTrue();
    }

    @Test
    void aManualRequestByAnOperatorAlsoHoldsBackDriftRequests() {
        policy.observe(new RetrainRequested("op", null, MODEL, RetrainTrigger.MANUAL, "operator", null, 10, NOW));

        Decision d = policy.drift(drifted("s1", 3), drift);

        assertThat(d.requested()).isFalse();
        assertThat(d.explanation()).contains("in flight").contains("request op (manual");
    }

    @Test
    void seeingTheSameRequestTwiceChangesNothing() {
        RetrainRequested r = new RetrainRequested("x", null, MODEL, RetrainTrigger.BOOTSTRAP, "b", null, 50,
                NOW.minus(Duration.ofHours(1)));
        policy.observe(r);
        policy.observe(r);

        assertThat(policy.bootstrap(MODEL, drift, false, 50).requested()).isTrue();
    }

    @Test
    void anOlderRequestSeenLateDoesNotShortenTheCooldown() {
        policy.bootstrap(MODEL, drift, false, 50);
        policy.observe(new RetrainRequested("old", null, MODEL, RetrainTrigger.MANUAL, "m", null, 10,
                NOW.minus(Duration.ofHours(1))));
        clock.advance(Duration.ofMinutes(5));
        policy.evaluated(MODEL, "cand-1", Verdict.PASSED, NOW.plusSeconds(60), drift, 0, "v1", "passed");

        assertThat(policy.bootstrap(MODEL, drift, false, 50).explanation()).contains("bootstrap request at " + NOW);
    }

    @Test
    void aDriftedWindowRequestsRetrainingFromItsEarliestEventCausedByTheStatistics() {
        DriftStats stats = drifted("stats-1", 3);

        Decision d = policy.drift(stats, drift);

        RetrainRequested r = d.request().orElseThrow();
        assertThat(r.trigger()).isEqualTo(RetrainTrigger.DRIFT);
        assertThat(r.dataSince()).isEqualTo(T0);
        assertThat(r.causationId()).isEqualTo("stats-1");
        assertThat(r.minExamples()).isEqualTo(80);
        assertThat(r.reason()).startsWith("drift: 2 of 3 features drifted (p < 0.05): age, income")
                .contains("share 0.67 >= 0.50").contains("champion v3");
    }

    @Test
    void theRequestOfAWindowHasAnIdDerivedFromItsStatistics() {
        RetrainRequested first = new RetrainPolicy(clock).drift(drifted("stats-1", 3), drift).request().orElseThrow();
        RetrainRequested replay = new RetrainPolicy(clock).drift(drifted("stats-1", 3), drift).request().orElseThrow();
        RetrainRequested other = new RetrainPolicy(clock).drift(drifted("stats-2", 3), drift).request().orElseThrow();

        assertThat(replay.eventId()).isEqualTo(first.eventId());
        assertThat(other.eventId()).isNotEqualTo(first.eventId());
    }

    @Test
    void aWindowBelowTheShareThresholdRequestsNothing() {
        Decision d = policy.drift(stats("s", 3, true, false, false), drift);

        assertThat(d.requested()).isFalse();
        assertThat(d.explanation()).isEqualTo("no drift: 1 of 3 features drifted (p < 0.05): age; share 0.33 < 0.50");
    }

    @Test
    void manyDriftedWindowsWithinTheCooldownMakeOneRequest() {
        int requests = 0;
        for (int i = 0; i < 100; i++) {
            if (policy.drift(drifted(UUID.randomUUID().toString(), 3), drift).requested()) {
                requests++;
            }
            clock.advance(Duration.ofSeconds(5));
        }

        assertThat(requests).isEqualTo(1);
    }

    @Test
    void driftOfTheSameChampionIsRequestedAgainOnlyAfterTheCooldownAndSaysSo() {
        policy.drift(drifted("s1", 3), drift);
        clock.advance(Duration.ofMinutes(2));
        // passed but not promoted (e.g. awaiting an approval): the cooldown holds
        policy.evaluated(MODEL, "cand-1", Verdict.PASSED, clock.instant(), drift, 0, "v1", "passed");
        clock.advance(Duration.ofMinutes(7));
        Decision held = policy.drift(drifted("s2", 3), drift);
        clock.advance(Duration.ofMinutes(1));
        Decision again = policy.drift(drifted("s3", 3), drift);

        assertThat(held.requested()).isFalse();
        assertThat(held.explanation()).startsWith("drifted but no request: cooldown of PT10M after the drift request at "
                + NOW);
        assertThat(again.requested()).isTrue();
        assertThat(again.explanation()).contains("repeated: champion v3 still drifts");
    }

    @Test
    void aNewChampionAnswersTheRequestSoItsOwnDriftIsRequestedAtOnce() {
        policy.drift(drifted("s1", 3), drift);
        policy.championChanged(MODEL, 4);

        Decision d = policy.drift(drifted("s2", 4), drift);

        assertThat(d.requested()).isTrue();
        assertThat(d.explanation()).doesNotContain("repeated").contains("champion v4");
        assertThat(policy.drift(drifted("s3", 4), drift).requested()).as("the cooldown starts again").isFalse();
    }

    @Test
    void theSameChampionAnnouncedAgainDoesNotEndTheCooldown() {
        policy.championChanged(MODEL, 4);
        policy.drift(drifted("s1", 4), drift);
        policy.championChanged(MODEL, 4);

        assertThat(policy.drift(drifted("s2", 4), drift).requested()).isFalse();
    }

    @Test
    void theFirstChampionEndsTheBootstrapCooldownSoItsDriftIsRequestedAtOnce() {
        policy.bootstrap(MODEL, drift, false, 50);
        assertThat(policy.drift(drifted("s0", 1), drift).requested()).as("no champion announced yet").isFalse();
        policy.championChanged(MODEL, 1);

        assertThat(policy.drift(drifted("s1", 1), drift).requested()).isTrue();
    }

    @Test
    void aModelThatLosesItsChampionMayBootstrapAgainAfterTheCooldown() {
        policy.bootstrap(MODEL, drift, false, 50);
        policy.championChanged(MODEL, 1);
        policy.championChanged(MODEL, null);
        clock.advance(Duration.ofMinutes(10));

        Decision d = policy.bootstrap(MODEL, drift, false, 120);

        assertThat(d.requested()).isTrue();
        assertThat(d.explanation()).isEqualTo("bootstrap: no champion yet, 120 labelled examples");
    }

    @Test
    void statisticsWithoutAChampionRequestNothing() {
        Decision d = policy.drift(stats("s", null, true, true, true), drift);

        assertThat(d.requested()).isFalse();
        assertThat(d.explanation()).contains("no champion");
    }

    @Test
    void cooldownsAreKeptPerModel() {
        policy.bootstrap(MODEL, drift, false, 50);

        assertThat(policy.bootstrap("other-model", drift, false, 50).requested()).isTrue();
    }
}
