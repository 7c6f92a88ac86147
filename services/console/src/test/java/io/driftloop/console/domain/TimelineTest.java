package io.driftloop.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.events.Adaptation;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.events.RetrainAbandoned;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.events.RetrainTrigger;
import io.driftloop.contracts.events.SplitCounts;
import io.driftloop.contracts.events.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimelineTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    static final String M = "credit-risk";

    static RetrainRequested request(String id, int second, int attempt, String first) {
        return new RetrainRequested(id, "cause-" + id, M, RetrainTrigger.DRIFT, "3 of 4 features drifted", T, 2000,
                T.plusSeconds(second), attempt, first);
    }

    static DatasetReady dataset(String id, String request, int second) {
        return new DatasetReady(id, request, M, "sha256:" + id + "0".repeat(20), null, null, "sha256:s", List.of(),
                new SplitCounts(1400, 300, 300), RetrainTrigger.DRIFT, "r", T.plusSeconds(second));
    }

    static ModelTrained candidate(String id, String dataset, String candidateId, int second) {
        return new ModelTrained(id, dataset, M, candidateId, "sha256:d", null, null, List.of(), "sha256:s", null,
                Map.of(), 42L, "0.1.0", Map.of(), RetrainTrigger.DRIFT, "r", T.plusSeconds(second));
    }

    static ModelEvaluated verdict(String candidateEvent, String candidateId, Verdict v, int second) {
        return new ModelEvaluated("e-" + candidateId, candidateEvent, M, candidateId, "sha256:d", 1, Map.of(), Map.of(),
                List.of(), v == Verdict.PASSED, "passed 7 of 7 gates", 300, T.plusSeconds(second), null, null, v);
    }

    static ModelPromoted promotion(String candidateId, int version, int second) {
        return new ModelPromoted(M, version, version - 1, null, "sha256:d", "sha256:s", Map.of(), "drift",
                T.plusSeconds(second), candidateId, null, null, null);
    }

    static History history(List<RetrainRequested> r, List<DatasetReady> d, List<ModelTrained> t, List<ModelEvaluated> e,
                           List<ModelPromoted> p, List<RetrainAbandoned> a, List<Adaptation> ad) {
        // the topics are read side by side: any order
        Random random = new Random(7);
        return new History(shuffled(r, random), shuffled(d, random), shuffled(t, random), shuffled(e, random),
                shuffled(p, random), shuffled(a, random), shuffled(ad, random));
    }

    static <T> List<T> shuffled(List<T> l, Random random) {
        List<T> out = new ArrayList<>(l);
        Collections.shuffle(out, random);
        return out;
    }

    @Test
    void anAdaptationRunsFromTheFirstDriftedWindowToTheFirstRequestServedLinkedByCausation() {
        History h = history(List.of(request("r1", 10, 1, null)), List.of(dataset("d1", "r1", 25)),
                List.of(candidate("t1", "d1", "c1", 80)), List.of(verdict("t1", "c1", Verdict.PASSED, 82)),
                List.of(promotion("c1", 2, 83)), List.of(),
                List.of(new Adaptation(1, 2, T.plusSeconds(8), T.plusSeconds(85), 77.0)));
        Timeline.Episode e = Timeline.episodes(M, h).get(0);
        assertThat(e.steps()).extracting(Timeline.Step::name).containsExactly("first drifted window",
                "retrain requested", "dataset", "candidate", "verdict", "promoted", "first served");
        assertThat(e.steps()).extracting(Timeline.Step::at).isSorted();
        assertThat(e.state()).isEqualTo("served v2");
        assertThat(e.waitingFor()).isEmpty();
        assertThat(e.version()).isEqualTo(2);
        assertThat(e.inFlight()).isFalse();
        assertThat(e.took().toSeconds()).isEqualTo(77);
        assertThat(e.steps().get(2).detail()).isEqualTo("2000 rows (test 300) d10000000000");
        assertThat(e.steps().get(6).detail()).isEqualTo("v2, 77.0 s after the first drifted window");
    }

    @Test
    void aFailedAttemptAndTheNextAreTwoEpisodesTheNewestFirst() {
        History h = history(List.of(request("r1", 10, 1, null), request("r2", 100, 2, "r1")),
                List.of(dataset("d1", "r1", 25), dataset("d2", "r2", 110)),
                List.of(candidate("t1", "d1", "c1", 80), candidate("t2", "d2", "c2", 170)),
                List.of(verdict("t1", "c1", Verdict.FAILED, 82), verdict("t2", "c2", Verdict.PASSED, 172)),
                List.of(promotion("c2", 3, 173)), List.of(), List.of());
        List<Timeline.Episode> episodes = Timeline.episodes(M, h);
        assertThat(episodes).extracting(Timeline.Episode::requestId).containsExactly("r2", "r1");
        assertThat(episodes).extracting(Timeline.Episode::state).containsExactly("promoted v3", "failed its gates");
        assertThat(episodes.get(0).attempt()).isEqualTo(2);
        assertThat(episodes.get(0).steps().get(0).detail()).endsWith("(attempt 2)");
    }

    @Test
    void aRetrainInFlightSaysWhatItWaitsFor() {
        assertThat(Timeline.episodes(M, history(List.of(request("r1", 10, 1, null)), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of())).get(0).state()).isEqualTo("in flight: waiting for a dataset");
        Timeline.Episode training = Timeline.episodes(M, history(List.of(request("r1", 10, 1, null)),
                List.of(dataset("d1", "r1", 25)), List.of(), List.of(), List.of(), List.of(), List.of())).get(0);
        assertThat(training.state()).isEqualTo("in flight: training");
        assertThat(training.inFlight()).isTrue();
        assertThat(training.waitingFor()).contains("training");
        assertThat(training.startedAt()).isEqualTo(T.plusSeconds(10));
        assertThat(Timeline.episodes(M, history(List.of(request("r1", 10, 1, null)), List.of(dataset("d1", "r1", 25)),
                List.of(candidate("t1", "d1", "c1", 80)), List.of(), List.of(), List.of(), List.of())).get(0).state())
                .isEqualTo("in flight: evaluating");
        assertThat(Timeline.episodes(M, history(List.of(request("r1", 10, 1, null)), List.of(dataset("d1", "r1", 25)),
                List.of(candidate("t1", "d1", "c1", 80)), List.of(verdict("t1", "c1", Verdict.PASSED, 82)), List.of(),
                List.of(), List.of())).get(0).state()).isEqualTo("in flight: waiting for promotion");
    }

    @Test
    void anUndecidedVerdictIsNotAFailure() {
        Timeline.Episode e = Timeline.episodes(M, history(List.of(request("r1", 10, 1, null)),
                List.of(dataset("d1", "r1", 25)), List.of(candidate("t1", "d1", "c1", 80)),
                List.of(verdict("t1", "c1", Verdict.UNDECIDABLE, 82)), List.of(), List.of(), List.of())).get(0);
        assertThat(e.state()).startsWith("undecided");
    }

    @Test
    void aSeriesGivenUpEndsAbandonedOnItsLastAttempt() {
        History h = history(List.of(request("r1", 10, 1, null), request("r2", 100, 2, "r1")),
                List.of(dataset("d1", "r1", 25), dataset("d2", "r2", 110)),
                List.of(candidate("t1", "d1", "c1", 80), candidate("t2", "d2", "c2", 170)),
                List.of(verdict("t1", "c1", Verdict.FAILED, 82), verdict("t2", "c2", Verdict.FAILED, 172)), List.of(),
                List.of(new RetrainAbandoned("a1", "e-c2", M, RetrainTrigger.DRIFT, "r1", 2, "failed",
                        "2 attempts failed their gates", T.plusSeconds(173))), List.of());
        assertThat(Timeline.episodes(M, h)).extracting(Timeline.Episode::state).containsExactly("abandoned",
                "failed its gates");
    }

    @Test
    void eventsOfAnotherRequestDoNotAttach() {
        Timeline.Episode e = Timeline.episodes(M, history(List.of(request("r1", 10, 1, null)),
                List.of(dataset("d9", "r9", 25)), List.of(candidate("t1", "d1", "c1", 80)), List.of(), List.of(),
                List.of(), List.of())).get(0);
        assertThat(e.steps()).hasSize(1);
        assertThat(Timeline.episodes(M, History.EMPTY)).isEmpty();
    }
}
