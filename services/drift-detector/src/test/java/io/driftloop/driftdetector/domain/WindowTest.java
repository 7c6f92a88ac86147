package io.driftloop.driftdetector.domain;

import static io.driftloop.driftdetector.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.events.InferenceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;

class WindowTest {

    static InferenceEvent event(String requestId, Instant at, Map<String, Object> features) {
        return new InferenceEvent("m", requestId, at, null, features, Map.of(), null, null);
    }

    @Test
    void isFullAfterCapacityDistinctRequests() {
        Window w = new Window("m", 3, 1, "o");

        assertThat(w.add(event("a", T0, Map.of("x", 1)))).isTrue();
        assertThat(w.add(event("b", T0, Map.of("x", 2)))).isTrue();
        assertThat(w.full()).isFalse();
        assertThat(w.add(event("c", T0, Map.of("x", 3)))).isTrue();

        assertThat(w.full()).isTrue();
        assertThat(w.size()).isEqualTo(3);
    }

    @Test
    void aRequestIdSeenAgainWithinTheWindowIsIgnored() {
        Window w = new Window("m", 3, 1, "o");
        w.add(event("a", T0, Map.of("x", 1)));

        assertThat(w.add(event("a", T0.plusSeconds(5), Map.of("x", 99)))).isFalse();

        assertThat(w.size()).isEqualTo(1);
        assertThat(w.numeric("x")).containsExactly(1);
        assertThat(w.end()).isEqualTo(T0);
    }

    @Test
    void aFullWindowTakesNoMoreEvents() {
        Window w = new Window("m", 1, 1, "o");
        w.add(event("a", T0, Map.of("x", 1)));

        assertThat(w.add(event("b", T0, Map.of("x", 2)))).isFalse();
        assertThat(w.size()).isEqualTo(1);
    }

    @Test
    void startAndEndAreTheEarliestAndLatestEventTimesWhateverTheArrivalOrder() {
        Window w = new Window("m", 3, 1, "o");
        w.add(event("a", T0.plusSeconds(10), Map.of("x", 1)));
        w.add(event("b", T0, Map.of("x", 1)));
        w.add(event("c", T0.plusSeconds(5), Map.of("x", 1)));

        assertThat(w.start()).isEqualTo(T0);
        assertThat(w.end()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void numericValuesSkipEventsWithoutANumberForTheFeature() {
        Window w = new Window("m", 4, 1, "o");
        w.add(event("a", T0, Map.of("x", 1)));
        w.add(event("b", T0, Map.of("x", 2.5)));
        w.add(event("c", T0, Map.of("x", "n/a")));
        w.add(event("d", T0, Map.of("y", 3)));

        assertThat(w.numeric("x")).containsExactly(1.0, 2.5);
    }

    @Test
    void categoricalCountsTreatAMissingValueAsTheEmptyCategory() {
        Window w = new Window("m", 4, 1, "o");
        w.add(event("a", T0, Map.of("c", "north")));
        w.add(event("b", T0, Map.of("c", "north")));
        w.add(event("c", T0, Map.of("c", "west")));
        Map<String, Object> none = new HashMap<>();
        none.put("x", 1);
        w.add(event("d", T0, none));

        assertThat(w.categorical("c")).containsExactlyInAnyOrderEntriesOf(Map.of("north", 2L, "west", 1L, "", 1L));
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new Window("m", 0, 1, "o")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numericValuesAreExactWhileTheSketchHoldsAtMostKValues() {
        Window w = new Window("m", 1000, null, 200, 1, "o");
        double[] values = new Random(7).doubles(200).toArray();
        for (int i = 0; i < values.length; i++) {
            w.add(event("r" + i, T0, Map.of("x", values[i])));
        }

        double[] sorted = values.clone();
        Arrays.sort(sorted);
        assertThat(w.numeric("x")).containsExactly(sorted);
        assertThat(w.numericSketch("x").isEstimationMode()).isFalse();
    }

    @Test
    void beyondKTheSketchKeepsBoundedMemoryAndRanksWithinItsStatedError() {
        int k = 200;
        Window w = new Window("m", 2_000_000, null, k, 1, "o");
        Random random = new Random(11);
        double[] values = new double[1_000_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
            w.add(event("r" + i, T0, Map.of("x", values[i])));
        }

        KllDoublesSketch sketch = w.numericSketch("x");
        assertThat(sketch.getN()).isEqualTo(1_000_000);
        assertThat(sketch.getNumRetained()).isLessThan(4 * k);
        Arrays.sort(values);
        for (double q : new double[] {-2, -1, -0.5, 0, 0.5, 1, 2}) {
            double trueRank = (double) lowerCount(values, q) / values.length;
            assertThat(sketch.getRank(q)).isCloseTo(trueRank, org.assertj.core.data.Offset.offset(Window.rankError(k)));
        }
        assertThat(w.numeric("x")).hasSizeLessThanOrEqualTo(4 * k).isSorted();
    }

    private static int lowerCount(double[] sorted, double q) {
        int i = Arrays.binarySearch(sorted, q);
        return i >= 0 ? i + 1 : -i - 1;
    }

    @Test
    void aCountWindowNeverEndsByTime() {
        Window w = new Window("m", 100, 1, "o");
        for (int i = 0; i < 50; i++) {
            w.add(event("r" + i, T0, Map.of("x", i)));
        }

        assertThat(w.endsBefore(T0.plus(Duration.ofDays(365)))).isFalse();
    }

    @Test
    void aTimeWindowEndsAtTheFirstEventAtOrAfterItsStartPlusItsDuration() {
        Window w = new Window("m", 10_000, Duration.ofMinutes(5), 200, 1, "o");
        for (int i = 0; i < 40; i++) {
            w.add(event("r" + i, T0.plusSeconds(i), Map.of("x", i)));
        }

        assertThat(w.endsBefore(T0.plus(Duration.ofMinutes(5)).minusMillis(1))).isFalse();
        assertThat(w.endsBefore(T0.plus(Duration.ofMinutes(5)))).isTrue();
        assertThat(w.full()).isFalse();
    }

    @Test
    void aTimeWindowWithTooFewEventsKeepsFilling() {
        Window w = new Window("m", 10_000, Duration.ofMinutes(5), 200, 1, "o");
        for (int i = 0; i < w.minimumToCloseByTime() - 1; i++) {
            w.add(event("r" + i, T0, Map.of("x", i)));
        }

        assertThat(w.endsBefore(T0.plus(Duration.ofHours(1)))).isFalse();
        w.add(event("last", T0, Map.of("x", 1)));
        assertThat(w.endsBefore(T0.plus(Duration.ofHours(1)))).isTrue();
    }

    @Test
    void aRestoredSnapshotCarriesOnExactlyLikeTheWindowItWasTakenOf() {
        Window original = new Window("m", 300, Duration.ofHours(1), 512, 4, "ct.inference.v1-1@17");
        Window twin = new Window("m", 300, Duration.ofHours(1), 512, 4, "ct.inference.v1-1@17");
        Random random = new Random(3);
        for (int i = 0; i < 150; i++) {
            InferenceEvent e = event("r" + i, T0.plusSeconds(i), Map.of("x", random.nextGaussian(),
                    "c", random.nextBoolean() ? "north" : "south"));
            original.add(e);
            twin.add(e);
        }

        String json = Json.encode(original.snapshot());
        Window restored = Window.restore(Json.decode(json, Window.Snapshot.class));
        for (int i = 150; i < 300; i++) {
            InferenceEvent e = event("r" + i, T0.plusSeconds(i), Map.of("x", random.nextGaussian(), "c", "west"));
            restored.add(e);
            twin.add(e);
        }

        assertThat(restored.full()).isTrue();
        assertThat(restored.size()).isEqualTo(twin.size());
        assertThat(restored.start()).isEqualTo(twin.start());
        assertThat(restored.end()).isEqualTo(twin.end());
        assertThat(restored.origin()).isEqualTo("ct.inference.v1-1@17");
        assertThat(restored.championVersion()).isEqualTo(4);
        assertThat(restored.duration()).isEqualTo(Duration.ofHours(1));
        assertThat(restored.numeric("x")).containsExactly(twin.numeric("x"));
        assertThat(restored.categorical("c")).isEqualTo(twin.categorical("c"));
    }

    @Test
    void aSnapshotOfASketchInEstimationModeRestoresItsDistribution() {
        Window w = new Window("m", 100_000, null, 16, 1, "o");
        Random random = new Random(5);
        for (int i = 0; i < 10_000; i++) {
            w.add(event("r" + i, T0, Map.of("x", random.nextDouble())));
        }

        Window restored = Window.restore(Json.decode(Json.encode(w.snapshot()), Window.Snapshot.class));

        assertThat(restored.numericSketch("x").isEstimationMode()).isTrue();
        assertThat(restored.numericSketch("x").getN()).isEqualTo(10_000);
        assertThat(restored.numeric("x")).containsExactly(w.numeric("x"));
    }

    @Test
    void sketchParameterAndDurationAreValidated() {
        assertThatThrownBy(() -> new Window("m", 10, null, 4, 1, "o")).hasMessageContaining("k must be within");
        assertThatThrownBy(() -> new Window("m", 10, Duration.ZERO, 200, 1, "o")).hasMessageContaining("positive");
    }

    @Test
    void aSnapshotListsFeaturesAndCategoriesInNameOrder() {
        Window w = new Window("m", 10, 1, "o");
        w.add(event("r1", T0, Map.of("zeta", 1.0, "alpha", 2.0, "region", "west", "city", "b")));
        w.add(event("r2", T0, Map.of("zeta", 3.0, "alpha", 4.0, "region", "east", "city", "a")));
        w.add(event("r3", T0, Map.of("zeta", 5.0, "alpha", 6.0, "region", "west", "city", "a")));

        Window.Snapshot s = w.snapshot();

        assertThat(s.numeric().keySet()).containsExactly("alpha", "zeta");
        assertThat(s.categorical().keySet()).containsExactly("city", "region");
        assertThat(s.categorical().get("region")).containsExactly(Map.entry("east", 1L), Map.entry("west", 2L));
        assertThat(Json.encode(s)).contains("\"categorical\":{\"city\":{\"a\":2,\"b\":1},\"region\":{\"east\":1,\"west\":2}}");
        assertThat(w.categorical("city")).containsExactly(Map.entry("a", 2L), Map.entry("b", 1L));
    }
}
