package io.driftloop.driftdetector.domain.concept;

import static io.driftloop.driftdetector.domain.concept.ErrorStreams.abrupt;
import static io.driftloop.driftdetector.domain.concept.ErrorStreams.bernoulli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.driftloop.contracts.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConceptDriftMonitorTest {

    static final String MODEL = "churn";

    final ConceptDriftMonitor monitor = new ConceptDriftMonitor(ConceptDriftPolicy.defaults());

    /** Feeds {@code errors} as examples served by {@code served} while {@code champion} is champion. */
    static List<Alarm> feed(ConceptDriftMonitor monitor, int champion, int served, double[] errors) {
        List<Alarm> alarms = new ArrayList<>();
        for (double e : errors) {
            monitor.observe(MODEL, champion, served, e == 1).ifPresent(alarms::add);
        }
        return alarms;
    }

    @Test
    void aChampionWithAStationaryErrorRateRaisesNoAlarm() {
        List<Alarm> alarms = feed(monitor, 1, 1, bernoulli(4, 100_000, 0.15));

        assertThat(alarms).isEmpty();
        ModelWatch watch = monitor.watch(MODEL).orElseThrow();
        assertThat(watch.seen()).isEqualTo(100_000);
        assertThat(watch.errorRate()).isCloseTo(0.15, within(0.01));
    }

    @Test
    void anAbruptRiseOfTheChampionsErrorRateRaisesAnAlarmSoonAfter() {
        List<Alarm> alarms = feed(monitor, 3, 3, abrupt(8, 10_000, 0.1, 1_000, 0.4));

        assertThat(alarms).isNotEmpty();
        Alarm first = alarms.get(0);
        assertThat(first.model()).isEqualTo(MODEL);
        assertThat(first.championVersion()).isEqualTo(3);
        assertThat(first.detector()).isEqualTo("adwin");
        assertThat(first.examplesSinceReset()).isBetween(10_001L, 10_300L);
        assertThat(first.errorBefore()).isCloseTo(0.1, within(0.03));
        assertThat(first.errorAfter()).isGreaterThan(first.errorBefore());
        assertThat(monitor.watch(MODEL).orElseThrow().alarms()).isEqualTo(alarms.size());
    }

    @Test
    void aFallOfTheErrorRateIsNoAlarm() {
        assertThat(feed(monitor, 1, 1, abrupt(8, 10_000, 0.4, 10_000, 0.1))).isEmpty();
    }

    @Test
    void examplesServedByAnotherVersionAreIgnoredAndCounted() {
        feed(monitor, 2, 2, bernoulli(1, 5_000, 0.1));

        List<Alarm> alarms = feed(monitor, 2, 1, bernoulli(2, 3_000, 0.9));

        assertThat(alarms).isEmpty();
        ModelWatch watch = monitor.watch(MODEL).orElseThrow();
        assertThat(watch.ignored()).isEqualTo(3_000);
        assertThat(watch.seen()).isEqualTo(5_000);
        assertThat(watch.errorRate()).isCloseTo(0.1, within(0.02));
    }

    @Test
    void aNewChampionResetsTheDetectorAndTheCounters() {
        feed(monitor, 1, 1, bernoulli(1, 5_000, 0.1));
        feed(monitor, 1, 2, bernoulli(2, 10, 0.1));

        // version 2's errors are judged against version 2 alone: its high but steady rate is no drift
        List<Alarm> alarms = feed(monitor, 2, 2, bernoulli(3, 5_000, 0.4));

        assertThat(alarms).isEmpty();
        ModelWatch watch = monitor.watch(MODEL).orElseThrow();
        assertThat(watch.championVersion()).isEqualTo(2);
        assertThat(watch.seen()).isEqualTo(5_000);
        assertThat(watch.ignored()).isZero();
        assertThat(watch.errorRate()).isCloseTo(0.4, within(0.02));
    }

    @Test
    void withoutTheResetTheSameErrorsWouldHaveBeenADrift() {
        feed(monitor, 1, 1, bernoulli(1, 5_000, 0.1));

        assertThat(feed(monitor, 1, 1, bernoulli(3, 5_000, 0.4))).isNotEmpty();
    }

    @Test
    void aPromotionAnnouncedBeforeTheFirstExampleResetsOnlyOnce() {
        feed(monitor, 1, 1, bernoulli(1, 100, 0.1));

        assertThat(monitor.championChanged(MODEL, 2)).isTrue();
        assertThat(monitor.championChanged(MODEL, 2)).isFalse();
        monitor.observe(MODEL, 2, 2, false);

        assertThat(monitor.watch(MODEL).orElseThrow().seen()).isEqualTo(1);
    }

    @Test
    void theGracePeriodCountsExamplesWithoutJudgingThem() {
        ConceptDriftMonitor graced = new ConceptDriftMonitor(new ConceptDriftPolicy(DetectorKind.ADWIN, 500));

        // a new champion that is poor while it settles, then steady: the poor start is not its reference
        List<Alarm> alarms = feed(graced, 1, 1, abrupt(5, 500, 0.0, 5_000, 0.3));

        assertThat(alarms).isEmpty();
        assertThat(graced.watch(MODEL).orElseThrow().seen()).isEqualTo(5_500);
        assertThat(graced.watch(MODEL).orElseThrow().errorRate()).isCloseTo(0.3, within(0.02));
        assertThat(feed(new ConceptDriftMonitor(ConceptDriftPolicy.defaults()), 1, 1, abrupt(5, 500, 0.0, 5_000, 0.3)))
                .as("the same stream judged from its first example").isNotEmpty();
    }

    @Test
    void ddmWarningsShowInTheWatch() {
        ConceptDriftMonitor ddm = new ConceptDriftMonitor(ConceptDriftPolicy.of(DetectorKind.DDM));
        double[] errors = abrupt(7, 10_000, 0.1, 2_000, 0.5);
        boolean warned = false;
        for (double e : errors) {
            Optional<Alarm> alarm = ddm.observe(MODEL, 1, 1, e == 1);
            warned |= ddm.watch(MODEL).orElseThrow().warning();
            if (alarm.isPresent() && alarm.get().examplesSinceReset() > 10_000) {
                assertThat(alarm.get().detector()).isEqualTo("ddm");
                break;
            }
        }
        assertThat(warned).isTrue();
    }

    @ParameterizedTest
    @EnumSource(DetectorKind.class)
    void aMonitorRestoredFromItsJsonSnapshotRaisesExactlyTheAlarmsOfAnUninterruptedOne(DetectorKind kind) {
        ConceptDriftPolicy policy = new ConceptDriftPolicy(kind, 100);
        double[] errors = CheckpointTest.ERRORS;
        List<Alarm> uninterrupted = feed(new ConceptDriftMonitor(policy), 1, 1, errors);
        assertThat(uninterrupted).isNotEmpty();

        for (int stop : new int[] {0, 50, 100, 101, 8_050, 8_300, 15_000}) {
            ConceptDriftMonitor before = new ConceptDriftMonitor(policy);
            before.championChanged(MODEL, 1);
            List<Alarm> alarms = feed(before, 1, 1, Arrays.copyOfRange(errors, 0, stop));
            String json = Json.encode(before.snapshot(MODEL).orElseThrow());

            ConceptDriftMonitor after = new ConceptDriftMonitor(policy);
            assertThat(after.restore(Json.decode(json, MonitorSnapshot.class))).isTrue();
            alarms.addAll(feed(after, 1, 1, Arrays.copyOfRange(errors, stop, errors.length)));

            assertThat(alarms).as("%s resumed at %d", kind, stop).isEqualTo(uninterrupted);
            assertThat(after.watch(MODEL).orElseThrow().seen()).isEqualTo(errors.length);
        }
    }

    @ParameterizedTest
    @EnumSource(DetectorKind.class)
    void theWatchShowsTheDetectorsStatisticBelowItsThresholdBeforeAnAlarmAndItsNewEstimateAfter(DetectorKind kind) {
        ConceptDriftMonitor watched = new ConceptDriftMonitor(ConceptDriftPolicy.of(kind));
        feed(watched, 2, 2, bernoulli(3, 5_000, 0.1));

        ModelWatch before = watched.watch(MODEL).orElseThrow();
        assertThat(before.detector()).isEqualTo(kind.id());
        assertThat(before.alarms()).isZero();
        assertThat(before.errorRate()).isCloseTo(0.1, within(0.03));
        assertThat(before.statistic()).as("statistic").isNotNull();
        assertThat(before.threshold()).as("threshold").isNotNull();
        assertThat(before.statistic()).isLessThan(before.threshold());

        double[] rise = bernoulli(4, 20_000, 0.6);
        int at = 0;
        while (watched.observe(MODEL, 2, 2, rise[at++] == 1).isEmpty()) {
            assertThat(at).as("an alarm within the rise").isLessThan(rise.length);
        }
        ModelWatch alarmed = watched.watch(MODEL).orElseThrow();
        assertThat(alarmed.alarms()).isEqualTo(1);
        assertThat(alarmed.seen()).isEqualTo(5_000 + at);
        if (kind == DetectorKind.ADWIN) {
            // ADWIN keeps the part of its window after the cut: its estimate has risen already
            assertThat(alarmed.errorRate()).isGreaterThan(before.errorRate() + 0.05);
        } else {
            // Page-Hinkley and DDM start afresh after a drift: nothing to estimate yet
            assertThat(alarmed.errorRate()).isNull();
            assertThat(alarmed.statistic()).isNull();
        }

        feed(watched, 2, 2, Arrays.copyOfRange(rise, at, at + 200));
        ModelWatch after = watched.watch(MODEL).orElseThrow();
        assertThat(after.errorRate()).isCloseTo(0.6, within(0.15));
        assertThat(after.statistic()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(DetectorKind.class)
    void readingTheWatchChangesNothing(DetectorKind kind) {
        ConceptDriftMonitor watched = new ConceptDriftMonitor(ConceptDriftPolicy.of(kind));
        feed(watched, 1, 1, abrupt(6, 3_000, 0.1, 300, 0.4));
        String state = Json.encode(watched.snapshot(MODEL).orElseThrow());

        ModelWatch first = watched.watch(MODEL).orElseThrow();

        assertThat(watched.watch(MODEL).orElseThrow()).isEqualTo(first);
        assertThat(Json.encode(watched.snapshot(MODEL).orElseThrow())).isEqualTo(state);
    }

    @Test
    void aSnapshotKeepsTheCountersAndTheChampion() {
        feed(monitor, 4, 4, bernoulli(1, 700, 0.2));
        feed(monitor, 4, 3, bernoulli(1, 20, 0.2));
        MonitorSnapshot snapshot = Json.decode(Json.encode(monitor.snapshot(MODEL).orElseThrow()), MonitorSnapshot.class);

        ConceptDriftMonitor restored = new ConceptDriftMonitor(ConceptDriftPolicy.defaults());
        restored.restore(snapshot);

        assertThat(restored.watch(MODEL)).isEqualTo(monitor.watch(MODEL));
        assertThat(snapshot.championVersion()).isEqualTo(4);
        assertThat(snapshot.seen()).isEqualTo(700);
        assertThat(snapshot.ignored()).isEqualTo(20);
        assertThat(restored.models()).containsExactly(MODEL);
    }

    @Test
    void aCheckpointOfAnotherDetectorKindStartsTheModelAfresh() {
        ConceptDriftMonitor ddm = new ConceptDriftMonitor(ConceptDriftPolicy.of(DetectorKind.DDM));
        feed(ddm, 5, 5, bernoulli(1, 300, 0.2));

        boolean used = monitor.restore(ddm.snapshot(MODEL).orElseThrow());

        assertThat(used).isFalse();
        ModelWatch watch = monitor.watch(MODEL).orElseThrow();
        assertThat(watch.championVersion()).isEqualTo(5);
        assertThat(watch.detector()).isEqualTo("adwin");
        assertThat(watch.seen()).isZero();
    }

    @Test
    void modelsAreWatchedSeparately() {
        monitor.observe("a", 1, 1, true);
        monitor.observe("b", 7, 7, false);
        monitor.observe("b", 7, 6, false);

        assertThat(monitor.models()).containsExactly("a", "b");
        assertThat(monitor.watch("a").orElseThrow().seen()).isEqualTo(1);
        assertThat(monitor.watch("b").orElseThrow().ignored()).isEqualTo(1);
        monitor.forget("a");
        assertThat(monitor.watch("a")).isEmpty();
        assertThat(monitor.snapshot("a")).isEmpty();
    }

    @Test
    void aDetectorFactoryMustMakeDetectorsOfThePolicysKind() {
        ConceptDriftMonitor wrong = new ConceptDriftMonitor(ConceptDriftPolicy.defaults(), Ddm::defaults);

        assertThatThrownBy(() -> wrong.observe(MODEL, 1, 1, true))
                .hasMessage("the detector factory must make new adwin detectors, made ddm");
    }

    @Test
    void customDetectorParametersComeFromTheFactory() {
        ConceptDriftMonitor sensitive = new ConceptDriftMonitor(ConceptDriftPolicy.defaults(),
                () -> new Adwin(0.1, 8, 5, 5, 10));

        sensitive.observe(MODEL, 1, 1, true);

        assertThat(sensitive.snapshot(MODEL).orElseThrow().detector().adwin().clock()).isEqualTo(8);
    }

    @Test
    void aNegativeGracePeriodIsRejected() {
        assertThatThrownBy(() -> new ConceptDriftPolicy(DetectorKind.ADWIN, -1))
                .hasMessage("concept-drift gracePeriod must not be negative, got -1");
        assertThatThrownBy(() -> new ConceptDriftPolicy(null, 0)).hasMessageContaining("detector kind");
    }
}
