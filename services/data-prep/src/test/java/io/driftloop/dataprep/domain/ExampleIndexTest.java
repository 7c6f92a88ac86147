package io.driftloop.dataprep.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.events.OffsetRange;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleIndexTest {

    static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    ExampleIndex index = new ExampleIndex("ct.examples.v1");

    @Test
    void nothingIsSelectedBelowTheMinimum() {
        for (int i = 0; i < 9; i++) {
            index.add("m", 0, i, T0.plusSeconds(i));
        }
        assertThat(index.select("m", null, 10, 100)).isEmpty();
        index.add("m", 0, 9, T0.plusSeconds(9));
        assertThat(index.select("m", null, 10, 100)).contains(List.of(new OffsetRange("ct.examples.v1", 0, 0, 10)));
    }

    @Test
    void selectionKeepsTheNewestAtMostMax() {
        for (int i = 0; i < 100; i++) {
            index.add("m", 2, 1000 + i, T0.plusSeconds(i));
        }
        assertThat(index.select("m", null, 10, 30)).contains(List.of(new OffsetRange("ct.examples.v1", 2, 1070, 1100)));
    }

    @Test
    void onlyExamplesSinceTheDriftPointCount() {
        for (int i = 0; i < 100; i++) {
            index.add("m", 0, i, T0.plusSeconds(i));
        }
        Instant since = T0.plusSeconds(60);
        assertThat(index.count("m", since)).isEqualTo(40);
        assertThat(index.select("m", since, 41, 1000)).isEmpty();
        assertThat(index.select("m", since, 40, 1000)).contains(List.of(new OffsetRange("ct.examples.v1", 0, 60, 100)));
    }

    @Test
    void otherModelsAndPartitionsAreKeptApart() {
        index.add("a", 0, 0, T0);
        index.add("b", 1, 0, T0);
        index.add("a", 3, 5, T0);
        index.add("a", 0, 1, T0);
        assertThat(index.count("b", null)).isEqualTo(1);
        assertThat(index.count("unknown", null)).isZero();
        assertThat(index.select("a", null, 3, 10)).contains(List.of(
                new OffsetRange("ct.examples.v1", 0, 0, 2), new OffsetRange("ct.examples.v1", 3, 5, 6)));
    }

    @Test
    void growsPastItsInitialCapacity() {
        for (int i = 0; i < 5000; i++) {
            index.add("m", 0, i, T0);
        }
        assertThat(index.count("m", null)).isEqualTo(5000);
    }
}
