package io.driftloop.driftdetector.domain;

import static io.driftloop.driftdetector.domain.Fixtures.MODEL;
import static io.driftloop.driftdetector.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.events.ConceptSignal;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.events.RetrainTrigger;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.driftdetector.domain.DriftMonitor.Outcome;
import io.driftloop.driftdetector.domain.DriftMonitor.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriftMonitorTest {

    final MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(1)));
    final DriftMonitor monitor = new DriftMonitor(new WindowEvaluator(new DriftTests(1)), new RetrainPolicy(clock), clock);
    final ModelSpec spec = Fixtures.spec(100);
    final List<ModelPromoted> profilesAsked = new ArrayList<>();
    final DriftMonitor.References references = champion -> {
        profilesAsked.add(champion);
        return Optional.of(Fixtures.profile());
    };

    List<Outcome> feed(int from, int count, boolean shifted, Optional<ModelPromoted> champion) {
        return feedWith(spec, from, count, shifted, champion);
    }

    List<Outcome> feedWith(ModelSpec spec, int from, int count, boolean shifted, Optional<ModelPromoted> champion) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            outcomes.add(monitor.onInference(Fixtures.event(i, shifted, 5), "ct.inference.v1-0@" + i, spec, champion,
                    references));
        }
        return outcomes;
    }

    static Outcome last(List<Outcome> outcomes) {
        return outcomes.get(outcomes.size() - 1);
    }

    /** Events i.. of the shifted world as served by {@code version}. */
    List<Outcome> servedBy(int version, int from, int count, Optional<ModelPromoted> champion) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            InferenceEvent e = Fixtures.event(i, true, 5);
            outcomes.add(monitor.onInference(new InferenceEvent(e.model(), e.requestId(), e.timestamp(), version,
                    e.features(), e.attributes(), null, null), "ct.inference.v1-0@" + i, spec, champion, references));
        }
        return outcomes;
    }

    @Test
    void theFirstWindowOfTheNewChampionReportsHowLongTheModelTookFromTheFirstDriftedWindowToBeingServed() {
        feed(0, 100, false, Optional.of(Fixtures.champion(3)));
        DriftStats drifted = last(feed(100, 100, true, Optional.of(Fixtures.champion(3)))).stats().orElseThrow();
        // more drifted windows of v3 do not move the start
        feed(200, 100, true, Optional.of(Fixtures.champion(3)));
        monitor.onChampion(MODEL, Fixtures.champion(4));
        // requests still answered by v3 change nothing; the first answered by v4 (t = 350 s) ends the adaptation
        servedBy(3, 300, 50, Optional.of(Fixtures.champion(4)));
        assertThat(monitor.pendingAdaptation(MODEL)).isEmpty();
        servedBy(4, 350, 1, Optional.of(Fixtures.champion(4)));

        var adaptation = monitor.pendingAdaptation(MODEL).orElseThrow();
        assertThat(adaptation.fromVersion()).isEqualTo(3);
        assertThat(adaptation.toVersion()).isEqualTo(4);
        assertThat(adaptation.driftedAt()).isEqualTo(drifted.windowEnd()).isEqualTo(T0.plusSeconds(199));
        assertThat(adaptation.servedAt()).isEqualTo(T0.plusSeconds(350));
        assertThat(adaptation.seconds()).isEqualTo(151.0);

        DriftStats first = last(servedBy(4, 351, 49, Optional.of(Fixtures.champion(4)))).stats().orElseThrow();
        assertThat(first.championVersion()).isEqualTo(4);
        assertThat(first.adaptation()).isEqualTo(adaptation);
        assertThat(monitor.pendingAdaptation(MODEL)).isEmpty();
        DriftStats second = last(servedBy(4, 400, 100, Optional.of(Fixtures.champion(4)))).stats().orElseThrow();
        assertThat(second.adaptation()).isNull();
    }

    @Test
    void withoutADriftANewChampionServedIsNoAdaptation() {
        feed(0, 100, false, Optional.of(Fixtures.champion(3)));
        monitor.onChampion(MODEL, Fixtures.champion(4));
        DriftStats first = last(servedBy(4, 100, 100, Optional.of(Fixtures.champion(4)))).stats().orElseThrow();

        assertThat(first.adaptation()).isNull();
        assertThat(monitor.pendingAdaptation(MODEL)).isEmpty();
    }

    @Test
    void aWindowIsEvaluatedWhenItsLastEventArrivesAndANewOneStarts() {
        List<Outcome> outcomes = feed(0, 100, false, Optional.of(Fixtures.champion(3)));

        assertThat(outcomes.subList(0, 99)).allSatisfy(o -> assertThat(o.status()).isEqualTo(Status.COUNTED));
        Outcome full = last(outcomes);
        assertThat(full.status()).isEqualTo(Status.EVALUATED);
        DriftStats stats = full.stats().orElseThrow();
        assertThat(stats.sampleSize()).isEqualTo(100);
        assertThat(stats.championVersion()).isEqualTo(3);
        assertThat(stats.drifted()).isFalse();
        assertThat(full.decision().orElseThrow().requested()).isFalse();
        assertThat(monitor.filling(MODEL)).isZero();

        feed(100, 1, false, Optional.of(Fixtures.champion(3)));
        assertThat(monitor.filling(MODEL)).isEqualTo(1);
    }

    @Test
    void aDriftedWindowOfAChampionRequestsRetrainingFromItsFirstEvent() {
        feed(0, 100, false, Optional.of(Fixtures.champion(3)));

        Outcome full = last(feed(100, 100, true, Optional.of(Fixtures.champion(3))));

        DriftStats stats = full.stats().orElseThrow();
        assertThat(stats.drifted()).isTrue();
        var request = full.decision().orElseThrow().request().orElseThrow();
        assertThat(request.trigger()).isEqualTo(RetrainTrigger.DRIFT);
        assertThat(request.dataSince()).isEqualTo(T0.plusSeconds(100));
        assertThat(request.causationId()).isEqualTo(stats.eventId());
    }

    @Test
    void aRedeliveredEventDoesNotCountTwice() {
        feed(0, 10, false, Optional.of(Fixtures.champion(3)));

        List<Outcome> again = feed(0, 10, false, Optional.of(Fixtures.champion(3)));

        assertThat(again).allSatisfy(o -> assertThat(o.status()).isEqualTo(Status.DUPLICATE));
        assertThat(monitor.filling(MODEL)).isEqualTo(10);
    }

    @Test
    void aFullWindowWithoutChampionIsDiscardedWithoutStatistics() {
        Outcome full = last(feed(0, 100, true, Optional.empty()));

        assertThat(full.status()).isEqualTo(Status.DISCARDED_NO_CHAMPION);
        assertThat(full.stats()).isEmpty();
        assertThat(full.decision()).isEmpty();
        assertThat(monitor.filling(MODEL)).isZero();
        assertThat(profilesAsked).isEmpty();
    }

    @Test
    void aFullWindowWhoseChampionHasNoReadableProfileIsDiscarded() {
        DriftMonitor.References none = champion -> Optional.empty();
        Outcome full = null;
        for (int i = 0; i < 100; i++) {
            full = monitor.onInference(Fixtures.event(i, true, 5), "o" + i, spec, Optional.of(Fixtures.champion(3)), none);
        }

        assertThat(full.status()).isEqualTo(Status.DISCARDED_NO_PROFILE);
        assertThat(monitor.filling(MODEL)).isZero();
    }

    @Test
    void aNewChampionResetsTheWindowAndTheNextWindowUsesItsProfile() {
        feed(0, 60, true, Optional.of(Fixtures.champion(3)));

        monitor.onChampion(MODEL, Fixtures.champion(4));

        assertThat(monitor.filling(MODEL)).isZero();
        Outcome full = last(feed(60, 100, false, Optional.of(Fixtures.champion(4))));
        assertThat(full.status()).isEqualTo(Status.EVALUATED);
        assertThat(full.stats().orElseThrow().championVersion()).isEqualTo(4);
        assertThat(full.stats().orElseThrow().windowStart()).isEqualTo(T0.plusSeconds(60));
        assertThat(profilesAsked).extracting(ModelPromoted::version).containsExactly(4);
    }

    @Test
    void theSameChampionSeenAgainKeepsTheWindow() {
        feed(0, 60, false, Optional.of(Fixtures.champion(3)));

        monitor.onChampion(MODEL, Fixtures.champion(3));

        assertThat(monitor.filling(MODEL)).isEqualTo(60);
    }

    @Test
    void aWindowStartedUnderAnotherChampionIsNotComparedWithTheNewProfile() {
        feed(0, 60, false, Optional.of(Fixtures.champion(3)));

        Outcome full = last(feed(60, 40, false, Optional.of(Fixtures.champion(4))));

        assertThat(full.status()).isEqualTo(Status.DISCARDED_CHAMPION_CHANGED);
        assertThat(profilesAsked).isEmpty();
    }

    @Test
    void aDriftStormYieldsOneRequest() {
        long requests = 0;
        for (int w = 0; w < 10; w++) {
            Outcome full = last(feed(w * 100, 100, true, Optional.of(Fixtures.champion(3))));
            assertThat(full.stats().orElseThrow().drifted()).isTrue();
            requests += full.decision().orElseThrow().requested() ? 1 : 0;
            clock.advance(Duration.ofSeconds(30));
        }

        assertThat(requests).isEqualTo(1);
    }

    @Test
    void theWindowSizeComesFromTheSpec() {
        ModelSpec small = Fixtures.spec(5);
        Outcome o = null;
        for (int i = 0; i < 5; i++) {
            InferenceEvent e = Fixtures.event(i, false, 5);
            o = monitor.onInference(e, "o" + i, small, Optional.of(Fixtures.champion(3)), references);
        }

        assertThat(o.status()).isEqualTo(Status.EVALUATED);
        assertThat(o.stats().orElseThrow().sampleSize()).isEqualTo(5);
    }

    @Test
    void bootstrapDecisionsComeFromThePolicy() {
        assertThat(monitor.onExamples(MODEL, spec, false, 49).requested()).isFalse();
        assertThat(monitor.onExamples(MODEL, spec, false, 50).requested()).isTrue();
        assertThat(monitor.onExamples(MODEL, spec, false, 51).requested()).isFalse();
    }

    @Test
    void aDriftStormWhileARequestIsInFlightIsFoldedAndAVerdictLetsTheNextDriftThrough() {
        ModelSpec noCooldown = Fixtures.spec(100, "cooldown: PT0S");
        assertThat(noCooldown.drift().cooldown()).isZero();
        Outcome first = last(feedWith(noCooldown, 0, 100, true, Optional.of(Fixtures.champion(3))));
        Outcome second = last(feedWith(noCooldown, 100, 100, true, Optional.of(Fixtures.champion(3))));
        String openId = first.decision().orElseThrow().request().orElseThrow().eventId();

        assertThat(second.decision().orElseThrow().folded()).isTrue();
        assertThat(monitor.inFlight(MODEL, noCooldown)).map(RetrainRequested::eventId).contains(openId);

        clock.advance(Duration.ofSeconds(1));
        monitor.onEvaluated(new ModelEvaluated("e1", null, MODEL, "cand-1", "sha256:d", 3, Map.of(), Map.of(), List.of(),
                true, "passed", 10, clock.instant()), noCooldown.drift(), 0);
        Outcome third = last(feedWith(noCooldown, 200, 100, true, Optional.of(Fixtures.champion(3))));

        assertThat(third.decision().orElseThrow().requested()).isTrue();
    }

    @Test
    void anOldChampionIsScheduledAndAnOperatorIsRefusedWhileThatRequestIsInFlight() {
        ModelSpec aged = Fixtures.spec(100, "cooldown: PT10M, maxModelAge: PT1H");

        Decision scheduled = monitor.onSchedule(MODEL, aged, Optional.of(Fixtures.champion(3)));
        Decision refused = monitor.onManual(MODEL, aged, "please", false);
        Decision forced = monitor.onManual(MODEL, aged, "please", true);

        assertThat(scheduled.request().orElseThrow().trigger()).isEqualTo(RetrainTrigger.SCHEDULE);
        assertThat(refused.requested()).isFalse();
        assertThat(refused.explanation()).contains(scheduled.request().orElseThrow().eventId());
        assertThat(forced.request().orElseThrow().trigger()).isEqualTo(RetrainTrigger.MANUAL);
        assertThat(monitor.onSchedule(MODEL, spec, Optional.of(Fixtures.champion(3))).explanation())
                .isEqualTo("no maximum model age set");
    }

    @Test
    void windowsAreKeptPerModel() {
        feed(0, 30, false, Optional.of(Fixtures.champion(3)));

        InferenceEvent other = new InferenceEvent("other", "r-1", T0, null, java.util.Map.of("age", 1), java.util.Map.of(),
                null, null);
        monitor.onInference(other, "o", spec, Optional.empty(), references);

        assertThat(monitor.filling(MODEL)).isEqualTo(30);
        assertThat(monitor.filling("other")).isEqualTo(1);
    }

    @Test
    void aTimeWindowIsEvaluatedWhenTheFirstEventAfterItsEndArrivesWhichStartsTheNextWindow() {
        ModelSpec timed = Fixtures.spec(10_000, "cooldown: PT10M, windowDuration: PT60S");
        List<Outcome> outcomes = feedWith(timed, 0, 60, false, Optional.of(Fixtures.champion(3)));
        assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).isEqualTo(Status.COUNTED));

        Outcome closing = last(feedWith(timed, 60, 1, false, Optional.of(Fixtures.champion(3))));

        assertThat(closing.status()).isEqualTo(Status.EVALUATED);
        DriftStats stats = closing.stats().orElseThrow();
        assertThat(stats.sampleSize()).isEqualTo(60);
        assertThat(stats.windowStart()).isEqualTo(T0);
        assertThat(stats.windowEnd()).isEqualTo(T0.plusSeconds(59));
        assertThat(monitor.filling(MODEL)).as("the closing event opens the next window").isEqualTo(1);
    }

    @Test
    void aTimeWindowAlsoClosesByCountWhenItFillsFirst() {
        ModelSpec timed = Fixtures.spec(50, "cooldown: PT10M, windowDuration: PT1H");

        Outcome full = last(feedWith(timed, 0, 50, false, Optional.of(Fixtures.champion(3))));

        assertThat(full.status()).isEqualTo(Status.EVALUATED);
        assertThat(full.stats().orElseThrow().sampleSize()).isEqualTo(50);
    }

    @Test
    void aRestoredMonitorEvaluatesTheSameWindowAsOneThatNeverStopped() {
        Optional<ModelPromoted> champion = Optional.of(Fixtures.champion(3));
        ModelSpec twoWindows = Fixtures.spec(100, "cooldown: PT0S, hysteresis: 2");
        DriftMonitor uninterrupted = new DriftMonitor(new WindowEvaluator(new DriftTests(1)), new RetrainPolicy(clock),
                clock);
        DriftMonitor restarted = new DriftMonitor(new WindowEvaluator(new DriftTests(1)), new RetrainPolicy(clock),
                clock);
        for (int i = 0; i < 160; i++) {
            uninterrupted.onInference(Fixtures.event(i, true, 5), "o@" + i, twoWindows, champion, references);
            monitor.onInference(Fixtures.event(i, true, 5), "o@" + i, twoWindows, champion, references);
        }
        String saved = io.driftloop.contracts.Json.encode(monitor.snapshot(MODEL));
        restarted.restore(MODEL, io.driftloop.contracts.Json.decode(saved, DriftMonitor.ModelState.class), 3);

        Outcome expected = null;
        Outcome actual = null;
        for (int i = 160; i < 200; i++) {
            expected = uninterrupted.onInference(Fixtures.event(i, true, 5), "o@" + i, twoWindows, champion, references);
            actual = restarted.onInference(Fixtures.event(i, true, 5), "o@" + i, twoWindows, champion, references);
        }

        assertThat(actual.status()).isEqualTo(Status.EVALUATED);
        assertThat(actual.stats()).isEqualTo(expected.stats());
        assertThat(actual.decision().orElseThrow().requested())
                .as("the hysteresis count of the first drifted window survived the restart").isTrue();
        assertThat(actual.decision().orElseThrow().explanation()).isEqualTo(expected.decision().orElseThrow().explanation());
    }

    @Test
    void aSnapshotOfAModelWithoutAnOpenWindowRestoresNone() {
        feed(0, 100, false, Optional.of(Fixtures.champion(3)));

        DriftMonitor.ModelState state = monitor.snapshot(MODEL);
        monitor.restore(MODEL, state, 3);

        assertThat(state.window()).isNull();
        assertThat(monitor.filling(MODEL)).isZero();
    }

    /** Feeds labelled examples of champion v3 with error rate {@code errorRate}; the decisions made. */
    List<Decision> label(int from, int count, double errorRate, int servedBy, boolean decide) {
        return labelWith(from, count, errorRate, servedBy, 0.3, decide).decisions;
    }

    static final class Fed {
        final List<Decision> decisions = new ArrayList<>();
        final List<DriftStats> labelStats = new ArrayList<>();
    }

    /** Labelled examples with error rate {@code errorRate} and a share {@code positives} of label 1. */
    Fed labelWith(int from, int count, double errorRate, int servedBy, double positives, boolean decide) {
        java.util.Random random = new java.util.Random(from);
        Fed fed = new Fed();
        for (int i = from; i < from + count; i++) {
            int label = random.nextDouble() < positives ? 1 : 0;
            boolean wrong = random.nextDouble() < errorRate;
            var example = new io.driftloop.contracts.events.LabelledExample(MODEL, "e-" + i, T0.plusSeconds(i),
                    Map.of("age", 40), Map.of(), label, servedBy, wrong ? 1 - label : label, 0.5);
            DriftMonitor.LabelledOutcome outcome = monitor.onLabelled(example, "ct.examples.v1-0@" + i, spec,
                    Optional.of(Fixtures.champion(3)), references, decide);
            outcome.decision().ifPresent(fed.decisions::add);
            outcome.labelStats().ifPresent(fed.labelStats::add);
        }
        return fed;
    }

    @Test
    void aRiseOfTheChampionsErrorRateRequestsOneRetrainingAndFoldsTheRepeatAlarms() {
        monitor.onChampion(MODEL, Fixtures.champion(3));
        assertThat(label(0, 3000, 0.1, 3, true)).as("no alarm while the error rate holds").isEmpty();

        List<Decision> decisions = label(3000, 3000, 0.5, 3, true);

        assertThat(decisions).isNotEmpty();
        Decision first = decisions.get(0);
        RetrainRequested request = first.request().orElseThrow();
        assertThat(request.trigger()).isEqualTo(RetrainTrigger.DRIFT);
        assertThat(request.reason()).startsWith("drift: concept drift in the error stream of champion v3 (adwin");
        assertThat(request.dataSince()).isAfter(T0.plusSeconds(3000));
        assertThat(decisions.subList(1, decisions.size())).allSatisfy(d -> assertThat(d.folded()).isTrue());
    }

    @Test
    void examplesAnotherVersionPredictedAreNotJudged() {
        monitor.onChampion(MODEL, Fixtures.champion(3));

        assertThat(label(0, 3000, 0.1, 2, true)).isEmpty();
        assertThat(label(3000, 3000, 0.9, 2, true)).isEmpty();
        assertThat(monitor.conceptWatch(MODEL).orElseThrow().ignored()).isEqualTo(6000);
    }

    @Test
    void whileHistoryIsReplayedTheDetectorLearnsButDecidesNothing() {
        monitor.onChampion(MODEL, Fixtures.champion(3));

        assertThat(label(0, 3000, 0.1, 3, false)).isEmpty();
        assertThat(label(3000, 3000, 0.5, 3, false)).isEmpty();

        assertThat(monitor.conceptWatch(MODEL).orElseThrow().alarms()).isPositive();
        assertThat(monitor.inFlight(MODEL, spec)).isEmpty();
    }

    @Test
    void aLabelWindowMatchingTheTrainingPriorDoesNotDriftAndAShiftedOneDoes() {
        monitor.onChampion(MODEL, Fixtures.champion(3));

        Fed same = labelWith(0, 100, 0.1, 3, 0.3, true);
        Fed shifted = labelWith(100, 100, 0.1, 3, 0.8, true);

        assertThat(same.labelStats).singleElement().satisfies(s -> {
            assertThat(s.source()).isEqualTo(DriftStats.LABELS);
            assertThat(s.sampleSize()).isEqualTo(100);
            assertThat(s.features()).singleElement().satisfies(f -> {
                assertThat(f.feature()).isEqualTo("label");
                assertThat(f.test()).isEqualTo("chi-square");
                assertThat(f.referenceSize()).isEqualTo(1000);
            });
            assertThat(s.drifted()).isFalse();
        });
        assertThat(shifted.labelStats).singleElement().satisfies(s -> {
            assertThat(s.drifted()).isTrue();
            assertThat(s.windowStart()).isEqualTo(T0.plusSeconds(100));
            assertThat(s.features().get(0).pValue()).isLessThan(1e-6);
        });
        assertThat(shifted.decisions).as("a prior shift is reported, it requests nothing").isEmpty();
    }

    @Test
    void aLabelWindowCarriesItsLabelsBesideTheTrainingLabelsAndWhereTheConceptDetectorStands() {
        monitor.onChampion(MODEL, Fixtures.champion(3));

        DriftStats stats = labelWith(0, 100, 0.1, 3, 0.3, true).labelStats.get(0);

        assertThat(stats.features().get(0).histogram()).satisfies(h -> {
            assertThat(h.categories()).containsExactly("0", "1");
            assertThat(h.reference()).containsExactly(0.7, 0.3);
            assertThat(h.current().get(0) + h.current().get(1)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        });
        assertThat(stats.concept()).satisfies(c -> {
            assertThat(c.detector()).isEqualTo("adwin");
            assertThat(c.championVersion()).isEqualTo(3);
            assertThat(c.seen()).isEqualTo(100);
            assertThat(c.errorRate()).isBetween(0.0, 0.25);
            assertThat(c.signal()).isEqualTo(ConceptSignal.NONE);
            assertThat(c.alarms()).isZero();
        });
    }

    @Test
    void theLabelWindowInWhichTheDetectorAlarmedSaysDriftAndTheAlarmsAddUp() {
        monitor.onChampion(MODEL, Fixtures.champion(3));
        label(0, 3000, 0.1, 3, true);

        List<DriftStats> windows = labelWith(3000, 3000, 0.5, 3, 0.3, true).labelStats;

        assertThat(windows).hasSize(30);
        List<ConceptSignal> concept = windows.stream().map(DriftStats::concept).toList();
        assertThat(concept).allSatisfy(c -> assertThat(c.seen()).isGreaterThan(3000));
        assertThat(concept).extracting(ConceptSignal::signal).contains(ConceptSignal.DRIFT);
        for (int i = 1; i < concept.size(); i++) {
            ConceptSignal c = concept.get(i);
            long raised = c.alarms() - concept.get(i - 1).alarms();
            assertThat(c.signal().equals(ConceptSignal.DRIFT)).as("window %d: %d alarms raised", i, raised)
                    .isEqualTo(raised > 0);
        }
        assertThat(concept.get(concept.size() - 1).errorRate()).isGreaterThan(0.3);
    }

    @Test
    void aLabelWindowOfExamplesTheChampionDidNotServeCarriesNoConceptSignal() {
        monitor.onChampion(MODEL, Fixtures.champion(3));

        DriftStats stats = labelWith(0, 100, 0.1, 2, 0.3, true).labelStats.get(0);

        assertThat(stats.concept()).isNull();
        assertThat(stats.features().get(0).histogram()).isNotNull();
    }

    @Test
    void theFirstScoredWindowOfAChampionIsItsBaselineAndLaterWindowsReportPredictionDrift() {
        Optional<ModelPromoted> champion = Optional.of(Fixtures.champion(3));
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double mean = i < 200 ? 0.3 : 0.6;
            outcomes.add(monitor.onInference(Fixtures.scored(i, 3, mean, 5), "o@" + i, spec, champion, references));
        }

        List<DriftStats> stats = outcomes.stream().flatMap(o -> o.stats().stream()).toList();
        assertThat(stats).hasSize(3);
        assertThat(stats.get(0).prediction()).as("the baseline window").isNull();
        assertThat(stats.get(1).prediction()).satisfies(p -> {
            assertThat(p.feature()).isEqualTo("score");
            assertThat(p.test()).isEqualTo("ks");
            assertThat(p.drifted()).isFalse();
        });
        assertThat(stats.get(2).prediction().drifted()).isTrue();
        assertThat(stats.get(2).prediction().pValue()).isLessThan(1e-6);
    }

    @Test
    void theScoreBaselineSurvivesACheckpoint() {
        Optional<ModelPromoted> champion = Optional.of(Fixtures.champion(3));
        for (int i = 0; i < 100; i++) {
            monitor.onInference(Fixtures.scored(i, 3, 0.3, 5), "o@" + i, spec, champion, references);
        }
        DriftMonitor restarted = new DriftMonitor(new WindowEvaluator(new DriftTests(1)), new RetrainPolicy(clock), clock);
        restarted.restore(MODEL, io.driftloop.contracts.Json.decode(io.driftloop.contracts.Json.encode(
                monitor.snapshot(MODEL)), DriftMonitor.ModelState.class), 3);

        Outcome last = null;
        for (int i = 100; i < 200; i++) {
            last = restarted.onInference(Fixtures.scored(i, 3, 0.7, 5), "o@" + i, spec, champion, references);
        }

        assertThat(last.stats().orElseThrow().prediction()).isNotNull()
                .satisfies(p -> assertThat(p.drifted()).isTrue());
    }

    @Test
    void aCheckpointedWindowOfAnEarlierChampionIsNotRestored() {
        Optional<ModelPromoted> champion = Optional.of(Fixtures.champion(3));
        feed(0, 60, false, champion);
        DriftMonitor.ModelState state = monitor.snapshot(MODEL);
        DriftMonitor restarted = new DriftMonitor(new WindowEvaluator(new DriftTests(1)), new RetrainPolicy(clock), clock);

        restarted.restore(MODEL, state, 4);

        assertThat(restarted.filling(MODEL)).isZero();
        restarted.restore(MODEL, state, 3);
        assertThat(restarted.filling(MODEL)).isEqualTo(60);
    }

    @Test
    void aNewChampionStartsANewLabelWindow() {
        monitor.onChampion(MODEL, Fixtures.champion(3));
        labelWith(0, 60, 0.1, 3, 0.3, true);
        java.util.Random random = new java.util.Random(1);
        List<DriftStats> stats = new ArrayList<>();
        for (int i = 60; i < 160; i++) {
            var example = new io.driftloop.contracts.events.LabelledExample(MODEL, "e-" + i, T0.plusSeconds(i),
                    Map.of("age", 40), Map.of(), random.nextDouble() < 0.3 ? 1 : 0, 4, 1, 0.5);
            monitor.onLabelled(example, "ct.examples.v1-0@" + i, spec, Optional.of(Fixtures.champion(4)), references,
                    true).labelStats().ifPresent(stats::add);
        }

        assertThat(stats).singleElement().satisfies(s -> {
            assertThat(s.championVersion()).isEqualTo(4);
            assertThat(s.windowStart()).as("the window of v3 was dropped").isEqualTo(T0.plusSeconds(60));
        });
    }
}
