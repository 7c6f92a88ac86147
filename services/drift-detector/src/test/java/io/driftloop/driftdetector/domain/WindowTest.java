package io.driftloop.driftdetector.domain;

import static io.driftloop.driftdetector.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftloop.contracts.events.InferenceEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
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
}
