package io.driftloop.local.invariants;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.ModelLifecycleChanged;
import io.driftloop.contracts.events.ModelTrained;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InvariantsTest {

    static DatasetReady dataset(String request, String id) {
        return Json.decode("{\"eventId\":\"d-" + request + id + "\",\"causationId\":\"" + request + "\",\"model\":\"m\","
                + "\"datasetId\":\"" + id + "\"}", DatasetReady.class);
    }

    static ModelTrained trained(String dataset, String candidate, int hiddenWidth) {
        return Json.decode("{\"eventId\":\"t-" + candidate + "\",\"model\":\"m\",\"candidateId\":\"" + candidate
                + "\",\"datasetId\":\"" + dataset + "\",\"hyperparameters\":{\"hidden\":" + hiddenWidth + "}}",
                ModelTrained.class);
    }

    static ModelLifecycleChanged event(String id, int version, String candidate, String stage, Long sequence,
                                       String action) {
        return Json.decode("{\"eventId\":\"" + id + "\",\"model\":\"m\",\"version\":" + version + ",\"candidateId\":\""
                + candidate + "\",\"stage\":\"" + stage + "\",\"at\":\"2026-12-04T00:00:00Z\""
                + (sequence == null ? "" : ",\"sequence\":" + sequence)
                + (action == null ? "" : ",\"action\":\"" + action + "\"") + "}", ModelLifecycleChanged.class);
    }

    /** A loop that kept every guarantee: two requests, two datasets, three candidates, v1 and v2 promoted once. */
    static final class Loop {
        List<String> inferences = new ArrayList<>(List.of("m/r1", "m/r2", "m/r3", "m/r4"));
        List<String> feedbacks = new ArrayList<>(List.of("m/r1", "m/r2", "m/r3"));
        List<String> examples = new ArrayList<>(List.of("m/r1", "m/r2", "m/r3"));
        Set<String> deadLettered = new HashSet<>();
        List<DatasetReady> datasets = new ArrayList<>(List.of(dataset("q1", "ds1"), dataset("q2", "ds2"),
                dataset("q2", "ds2")));
        List<ModelTrained> trained = new ArrayList<>(List.of(trained("ds1", "c1", 8), trained("ds2", "c2", 8),
                trained("ds2", "c3", 16)));
        List<ModelLifecycleChanged> lifecycle = new ArrayList<>(List.of(
                event("e0", 1, "c1", "candidate", 0L, null),
                event("e1", 1, "c1", "champion", 1L, "auto"),
                event("e2", 2, "c2", "candidate", 2L, null),
                event("e3", 2, "c2", "champion", 3L, "auto")));
        Map<String, Long> lag = new HashMap<>(Map.of("data-prep", 0L, "trainer", 0L));
        List<String> requests = new ArrayList<>(List.of("q1", "q2"));

        TopicsSnapshot snapshot() {
            return new TopicsSnapshot(inferences, feedbacks, examples, deadLettered, requests, datasets,
                    trained, lifecycle, lag);
        }

        List<String> violated() {
            return Invariants.check(snapshot()).checks().stream().filter(c -> !c.holds()).map(Invariants.Check::name)
                    .toList();
        }
    }

    @Test
    void aLoopThatKeptEveryGuaranteeHolds() {
        Invariants.Report report = Invariants.check(new Loop().snapshot());
        assertThat(report.holds()).as(report.table()).isTrue();
        assertThat(report.checks()).hasSize(6);
        assertThat(report.checks().get(0).checked()).isEqualTo(3);
        assertThat(report.table()).contains("every labelled inference became exactly one example").contains("holds");
    }

    @Test
    void aLostOrDuplicatedExampleIsCaughtButADeadLetteredOneIsNotLost() {
        Loop lost = new Loop();
        lost.examples.remove("m/r2");
        assertThat(lost.violated()).containsExactly("every labelled inference became exactly one example");
        assertThat(Invariants.check(lost.snapshot()).table()).contains("no example for m/r2");

        lost.deadLettered.add("m/r2");
        assertThat(lost.violated()).isEmpty();

        Loop twice = new Loop();
        twice.examples.add("m/r3");
        assertThat(Invariants.check(twice.snapshot()).table()).contains("2 examples for m/r3");
    }

    @Test
    void aSecondDatasetForOneRequestIsCaught() {
        Loop l = new Loop();
        l.datasets.add(dataset("q1", "ds9"));
        assertThat(l.violated()).containsExactly("every retrain request at most one dataset");
    }

    @Test
    void aSecondCandidateOfOneConfigurationIsCaught() {
        Loop l = new Loop();
        l.trained.add(trained("ds2", "c4", 16));
        assertThat(l.violated()).containsExactly("every dataset at most one candidate per configuration");
    }

    @Test
    void aCandidateRecordedAsTwoVersionsOrAVersionPromotedTwiceIsCaughtOnlyWhenTheEventsTookEffect() {
        Loop racing = new Loop();
        // a second registry lost the race for position 2: its event never took effect
        racing.lifecycle.add(3, event("e2b", 3, "c2", "candidate", 2L, null));
        assertThat(racing.violated()).isEmpty();

        Loop twoVersions = new Loop();
        twoVersions.lifecycle.add(event("e4", 3, "c2", "candidate", 4L, null));
        assertThat(twoVersions.violated()).containsExactly("every candidate at most one version");

        Loop promotedTwice = new Loop();
        promotedTwice.lifecycle.add(event("e4", 2, "c2", "champion", 4L, "auto"));
        assertThat(promotedTwice.violated()).containsExactly("no version promoted twice");

        Loop rolledBack = new Loop();
        rolledBack.lifecycle.add(event("e4", 1, "c1", "champion", 4L, "rollback"));
        assertThat(rolledBack.violated()).isEmpty();
    }

    @Test
    void aGroupThatLagsIsCaught() {
        Loop l = new Loop();
        l.lag.put("evaluator", 3L);
        assertThat(l.violated()).containsExactly("every consumer group caught up");
        assertThat(Invariants.check(l.snapshot()).table()).contains("evaluator lags 3");
    }

    @Test
    void dataPrepMayLagByTheRequestsStillWaitingForExamplesAndNoMore() {
        Loop waiting = new Loop();
        waiting.requests.add("q3");
        waiting.lag.put("data-prep", 1L);
        assertThat(waiting.violated()).isEmpty();

        Loop stuck = new Loop();
        stuck.requests.add("q3");
        stuck.lag.put("data-prep", 2L);
        assertThat(stuck.violated()).containsExactly("every consumer group caught up");

        Loop answered = new Loop();
        answered.lag.put("data-prep", 1L);
        assertThat(answered.violated()).containsExactly("every consumer group caught up");

        Loop otherGroup = new Loop();
        otherGroup.requests.add("q3");
        otherGroup.lag.put("trainer", 1L);
        assertThat(otherGroup.violated()).containsExactly("every consumer group caught up");
    }
}
