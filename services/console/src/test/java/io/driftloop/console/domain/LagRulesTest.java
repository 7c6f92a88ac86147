package io.driftloop.console.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Burrow's rules (its wiki's "Consumer Lag Evaluation Rules") on observed windows, one case per rule and order. */
class LagRulesTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Rhythm QUICK = new Rhythm(Duration.ofMinutes(1), "records are handled in seconds");
    static final Rhythm PATIENT = new Rhythm(Duration.ofMinutes(6), "it waits for examples");

    /** A window of observations 5 s apart: committed and end offsets in pairs. */
    static PartitionTrack track(long... committedAndEnd) {
        PartitionTrack t = new PartitionTrack(10);
        for (int i = 0; i < committedAndEnd.length / 2; i++) {
            t.observe(new OffsetSample(T0.plusSeconds(5L * i), committedAndEnd[2 * i], committedAndEnd[2 * i + 1]));
        }
        return t;
    }

    static Instant lastAt(PartitionTrack t) {
        return t.last().at();
    }

    static Verdict judge(PartitionTrack t, boolean active, Rhythm rhythm) {
        return LagRules.evaluate(t, active, lastAt(t), rhythm);
    }

    @Test
    void aConsumerThatCaughtUpWithinTheWindowIsOkEvenIfItHasLagNow() {
        assertThat(judge(track(10, 10, 10, 20, 15, 30), true, QUICK))
                .isEqualTo(new Verdict(LagStatus.OK, "lag 15, caught up within the last 10 s"));
        assertThat(judge(track(10, 10, 20, 20), true, QUICK)).isEqualTo(new Verdict(LagStatus.OK, "caught up"));
        // even with no member: nothing waits
        assertThat(judge(track(20, 20, 20, 20), false, QUICK).status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void aRewoundOffsetIsAnErrorWhateverElseHolds() {
        assertThat(judge(track(10, 10, 5, 10, 10, 10), true, QUICK))
                .isEqualTo(new Verdict(LagStatus.ERR, "rewound: the committed offset went back from 10 to 5"));
    }

    @Test
    void anOffsetPastTheEndOfTheLogIsAnError() {
        assertThat(judge(track(10, 20, 30, 25), true, QUICK))
                .isEqualTo(new Verdict(LagStatus.ERR, "the committed offset 30 is past the end of the log (25)"));
    }

    @Test
    void recordsWaitingWithNoMemberIsStop() {
        assertThat(judge(track(10, 20, 10, 25), false, QUICK))
                .isEqualTo(new Verdict(LagStatus.STOP, "no member consumes while 15 record(s) wait"));
    }

    @Test
    void anOffsetHeldStillLongerThanTheStagesRhythmIsStall() {
        PartitionTrack t = track(10, 12, 10, 12, 10, 13);
        Verdict v = LagRules.evaluate(t, true, T0.plus(Duration.ofMinutes(2)), QUICK);
        assertThat(v.status()).isEqualTo(LagStatus.STALL);
        assertThat(v.rule()).isEqualTo("offset 10 held for 2 min with 3 record(s) waiting, longer than the 1 min the "
                + "stage may hold one (records are handled in seconds)");
    }

    @Test
    void theSameHoldIsOkForAStageWhoseRhythmAllowsIt() {
        PartitionTrack t = track(10, 12, 10, 12, 10, 13);
        Verdict v = LagRules.evaluate(t, true, T0.plus(Duration.ofMinutes(2)), PATIENT);
        assertThat(v).isEqualTo(new Verdict(LagStatus.OK, "offset 10 held for 2 min with 3 record(s) waiting, within "
                + "the 6 min the stage may hold one (it waits for examples)"));
        assertThat(LagRules.evaluate(t, true, T0.plus(Duration.ofMinutes(7)), PATIENT).status()).isEqualTo(LagStatus.STALL);
    }

    @Test
    void theHoldIsCountedFromWhenTheOffsetWasFirstSeenNotFromTheWindowsStart() {
        // 12 observations in a window of 10: the offset stood still since the first, 55 s before the last
        PartitionTrack t = new PartitionTrack(10);
        for (int i = 0; i < 12; i++) {
            t.observe(new OffsetSample(T0.plusSeconds(5L * i), 7, 9));
        }
        assertThat(t.heldSince()).isEqualTo(T0);
        assertThat(t.samples()).hasSize(10);
        assertThat(LagRules.evaluate(t, true, T0.plusSeconds(61), QUICK).status()).isEqualTo(LagStatus.STALL);
        assertThat(LagRules.evaluate(t, true, T0.plusSeconds(59), QUICK).status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void lagGrowingAtEveryObservationWhileConsumingIsWarn() {
        Verdict v = judge(track(0, 10, 5, 20, 10, 40), true, QUICK);
        assertThat(v.status()).isEqualTo(LagStatus.WARN);
        assertThat(v.rule()).isEqualTo("lag grew at every observation: 10 → 15 → 30 while consuming 1.0 records/s");
        // held at one observation, grew overall: still behind
        assertThat(judge(track(0, 10, 5, 15, 10, 30), true, QUICK).status()).isEqualTo(LagStatus.WARN);
    }

    @Test
    void lagThatFellOnceOrEndsWhereItBeganIsNotAWarning() {
        assertThat(judge(track(0, 10, 5, 30, 25, 40), true, QUICK))
                .isEqualTo(new Verdict(LagStatus.OK, "consuming 2.5 records/s, lag 15"));
        assertThat(judge(track(0, 10, 5, 15, 10, 20), true, QUICK).status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void twoObservationsAreTooFewForATrend() {
        assertThat(judge(track(0, 10, 5, 30), true, QUICK).status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void theRulesApplyInOrder() {
        // caught up within the window beats no member
        assertThat(judge(track(10, 10, 10, 20), false, QUICK).status()).isEqualTo(LagStatus.OK);
        // no member beats a held offset and a growing lag
        assertThat(judge(track(0, 10, 0, 20, 0, 30), false, QUICK).status()).isEqualTo(LagStatus.STOP);
        // a rewind beats having caught up
        assertThat(judge(track(10, 10, 8, 10), true, QUICK).status()).isEqualTo(LagStatus.ERR);
    }

    @Test
    void aGroupIsAsBadAsItsWorstPartitionAndSaysWhich() {
        Map<String, Verdict> partitions = new LinkedHashMap<>();
        partitions.put("t-0", new Verdict(LagStatus.OK, "caught up"));
        partitions.put("t-2", new Verdict(LagStatus.WARN, "lag grew"));
        partitions.put("t-1", new Verdict(LagStatus.STALL, "offset 3 held"));
        assertThat(LagRules.worst(partitions)).isEqualTo(new Verdict(LagStatus.STALL, "t-1: offset 3 held"));
        assertThat(LagRules.worst(Map.of())).isEqualTo(new Verdict(LagStatus.OK, "no committed offsets"));
        // ties go to the first partition by name
        assertThat(LagRules.worst(Map.of("t-3", new Verdict(LagStatus.WARN, "b"), "t-1", new Verdict(LagStatus.WARN, "a"))))
                .isEqualTo(new Verdict(LagStatus.WARN, "t-1: a"));
    }

    @Test
    void statusesOrderFromBestToWorst() {
        assertThat(LagStatus.OK.worse(LagStatus.WARN)).isEqualTo(LagStatus.WARN);
        assertThat(LagStatus.ERR.worse(LagStatus.STOP)).isEqualTo(LagStatus.ERR);
        assertThat(LagStatus.STALL.worse(LagStatus.STOP)).isEqualTo(LagStatus.STOP);
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> LagRules.evaluate(new PartitionTrack(3), true, T0, QUICK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PartitionTrack(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OffsetSample(T0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rhythm(Duration.ZERO, "x")).isInstanceOf(IllegalArgumentException.class);
        PartitionTrack t = track(1, 1);
        assertThatThrownBy(() -> t.observe(new OffsetSample(T0.minusSeconds(1), 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRateIsRecordsCommittedPerSecondOverTheWindow() {
        assertThat(track(0, 0, 50, 50, 100, 100).rate()).isEqualTo(10.0);
        assertThat(track(5, 5).rate()).isZero();
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(LagRules.human(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(LagRules.human(Duration.ofSeconds(200))).isEqualTo("3 min 20 s");
        assertThat(LagRules.human(Duration.ofMinutes(65))).isEqualTo("1 h 5 min");
        assertThat(LagRules.human(Duration.ofHours(2))).isEqualTo("2 h");
    }
}
