package io.driftloop.dataprep.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.dataset.Split;
import io.driftloop.contracts.events.OffsetRange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleIndexTest {

    static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    ExampleIndex index = new ExampleIndex("ct.examples.v1");

    void add(String model, int partition, long offset, Instant time) {
        index.add(model, partition, offset, time, Split.unit(model + "/" + offset), (int) (offset % 2), Map.of("g", "a"));
    }

    @Test
    void selectionKeepsTheNewestTake() {
        for (int i = 0; i < 100; i++) {
            add("m", 2, 1000 + i, T0.plusSeconds(i));
        }
        assertThat(index.select("m", null, 30)).isEqualTo(List.of(new OffsetRange("ct.examples.v1", 2, 1070, 1100)));
    }

    @Test
    void onlyExamplesSinceTheDriftPointCount() {
        for (int i = 0; i < 100; i++) {
            add("m", 0, i, T0.plusSeconds(i));
        }
        Instant since = T0.plusSeconds(60);
        assertThat(index.count("m", since)).isEqualTo(40);
        assertThat(index.newestFirst("m", since, 0.15, 0.15)).hasSize(40);
        assertThat(index.select("m", since, 1000)).isEqualTo(List.of(new OffsetRange("ct.examples.v1", 0, 60, 100)));
    }

    @Test
    void examplesAreGivenNewestFirstWithTheSplitOfTheirRequestIdAndTheirLabelAndAttributes() {
        for (int i = 0; i < 50; i++) {
            add("m", 0, i, T0.plusSeconds(i));
        }
        List<SizingRule.Example> examples = index.newestFirst("m", null, 0.2, 0.3);
        assertThat(examples).hasSize(50);
        for (int i = 0; i < 50; i++) {
            long offset = 49 - i;
            SizingRule.Example e = examples.get(i);
            assertThat(e.split()).isEqualTo(Split.of("m/" + offset, 0.2, 0.3));
            assertThat(e.label()).isEqualTo(offset % 2);
            assertThat(e.attributes()).isEqualTo(Map.of("g", "a"));
        }
    }

    @Test
    void eachStrategyCutsItsOwnRanges() {
        for (int i = 0; i < 1000; i++) {
            add("m", 0, i, T0.plusSeconds(i));
        }
        Instant drift = T0.plusSeconds(800);
        Instant promoted = T0.plusSeconds(300);
        var post = new io.driftloop.contracts.spec.DataSpec(io.driftloop.contracts.spec.DataStrategy.POST_DRIFT, 5000, 0.5);
        var recency = new io.driftloop.contracts.spec.DataSpec(
                io.driftloop.contracts.spec.DataStrategy.RECENCY_WEIGHTED, 5000, 0.5, 1000);
        var mixed = new io.driftloop.contracts.spec.DataSpec(io.driftloop.contracts.spec.DataStrategy.MIXED, 5000, 0.5);

        // sizing took the newest 150 of the 200 post-drift examples
        assertThat(index.ranges("m", post, drift, promoted, 150, 200, 5000, 0.15, 0.15))
                .isEqualTo(List.of(new OffsetRange("ct.examples.v1", 0, 850, 1000)));
        // recency-weighted: everything since the champion's promotion
        assertThat(index.ranges("m", recency, drift, promoted, 150, 200, 5000, 0.15, 0.15))
                .isEqualTo(List.of(new OffsetRange("ct.examples.v1", 0, 300, 1000)));
        // ... up to the cap, never fewer than sizing took
        assertThat(index.ranges("m", recency, drift, promoted, 150, 200, 400, 0.15, 0.15))
                .isEqualTo(List.of(new OffsetRange("ct.examples.v1", 0, 600, 1000)));
        assertThat(index.ranges("m", recency, drift, promoted, 150, 200, 100, 0.15, 0.15))
                .isEqualTo(List.of(new OffsetRange("ct.examples.v1", 0, 850, 1000)));
        // no champion: every example; a champion promoted after the drift point: from the drift point
        assertThat(index.ranges("m", recency, drift, null, 150, 200, 5000, 0.15, 0.15))
                .isEqualTo(List.of(new OffsetRange("ct.examples.v1", 0, 0, 1000)));
        assertThat(index.ranges("m", recency, drift, T0.plusSeconds(900), 150, 200, 5000, 0.15, 0.15))
                .isEqualTo(List.of(new OffsetRange("ct.examples.v1", 0, 800, 1000)));
        // mixed with every post-drift example taken: the pre-drift share on top
        List<OffsetRange> m = index.ranges("m", mixed, drift, promoted, 200, 200, 5000, 0.15, 0.15);
        assertThat(m).hasSize(1);
        assertThat(m.get(0).fromOffset()).isLessThan(600);
        assertThat(m.get(0).toOffset()).isEqualTo(1000);
    }

    @Test
    void aMixedSpanHoldsEveryPostDriftEntryAndTheNewestPreDriftOnesThatAreNotTestRows() {
        for (int i = 0; i < 1000; i++) {
            add("m", 0, i, T0.plusSeconds(i));
        }
        Instant since = T0.plusSeconds(800);
        int span = index.mixedSpan("m", since, 50, 0.15, 0.15);

        List<SizingRule.Example> newest = index.newestFirst("m", null, 0.15, 0.15).subList(0, span);
        long preNotTest = newest.subList(200, span).stream()
                .filter(e -> e.split() != io.driftloop.contracts.dataset.Split.TEST).count();
        assertThat(preNotTest).isEqualTo(50);
        assertThat(newest.get(span - 1).split()).isNotEqualTo(io.driftloop.contracts.dataset.Split.TEST);
        assertThat(index.mixedSpan("m", since, 0, 0.15, 0.15)).isEqualTo(200);
        assertThat(index.mixedSpan("m", since, 10_000, 0.15, 0.15)).isEqualTo(1000);
    }

    @Test
    void otherModelsAndPartitionsAreKeptApart() {
        add("a", 0, 0, T0);
        add("b", 1, 0, T0);
        add("a", 3, 5, T0);
        add("a", 0, 1, T0);
        assertThat(index.count("b", null)).isEqualTo(1);
        assertThat(index.count("unknown", null)).isZero();
        assertThat(index.select("unknown", null, 10)).isEmpty();
        assertThat(index.select("a", null, 10)).isEqualTo(List.of(
                new OffsetRange("ct.examples.v1", 0, 0, 2), new OffsetRange("ct.examples.v1", 3, 5, 6)));
    }

    @Test
    void growsPastItsInitialCapacity() {
        for (int i = 0; i < 5000; i++) {
            add("m", 0, i, T0);
        }
        assertThat(index.count("m", null)).isEqualTo(5000);
        assertThat(index.newestFirst("m", null, 0.15, 0.15)).hasSize(5000);
    }
}
