package io.driftloop.dataprep.domain;

import io.driftloop.contracts.events.OffsetRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where each model's labelled examples sit on the examples topic: (partition, offset, inference
 * time) in arrival order, so a dataset can be named as exact offset ranges. Memory is two longs per
 * example. Not thread-safe.
 */
public final class ExampleIndex {

    private final String topic;
    private final Map<String, Entries> byModel = new HashMap<>();

    /** One model's entries, in the order they were appended. */
    private static final class Entries {
        int size;
        int[] partitions = new int[1024];
        long[] offsets = new long[1024];
        long[] times = new long[1024];

        void add(int partition, long offset, long time) {
            if (size == offsets.length) {
                partitions = java.util.Arrays.copyOf(partitions, size * 2);
                offsets = java.util.Arrays.copyOf(offsets, size * 2);
                times = java.util.Arrays.copyOf(times, size * 2);
            }
            partitions[size] = partition;
            offsets[size] = offset;
            times[size] = time;
            size++;
        }
    }

    public ExampleIndex(String topic) {
        this.topic = topic;
    }

    public void add(String model, int partition, long offset, Instant time) {
        byModel.computeIfAbsent(model, m -> new Entries()).add(partition, offset, time.toEpochMilli());
    }

    /** Examples of {@code model} at or after {@code since} (all when null). */
    public int count(String model, Instant since) {
        Entries e = byModel.get(model);
        if (e == null) {
            return 0;
        }
        long from = since == null ? Long.MIN_VALUE : since.toEpochMilli();
        int n = 0;
        for (int i = 0; i < e.size; i++) {
            if (e.times[i] >= from) {
                n++;
            }
        }
        return n;
    }

    /**
     * The offset ranges of the newest at most {@code max} examples of {@code model} at or after
     * {@code since}, once there are at least {@code min}; empty until then. A range per partition,
     * from the first selected offset to one past the last. The ranges alone define the dataset:
     * whoever reads them keeps every example of the model inside them (records of other models are
     * skipped), so the same ranges always give the same rows.
     */
    public Optional<List<OffsetRange>> select(String model, Instant since, int min, int max) {
        Entries e = byModel.get(model);
        if (e == null) {
            return Optional.empty();
        }
        long from = since == null ? Long.MIN_VALUE : since.toEpochMilli();
        Map<Integer, long[]> ranges = new TreeMap<>();
        int taken = 0;
        for (int i = e.size - 1; i >= 0 && taken < max; i--) {
            if (e.times[i] < from) {
                continue;
            }
            long offset = e.offsets[i];
            ranges.merge(e.partitions[i], new long[] {offset, offset + 1},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            taken++;
        }
        if (taken < min) {
            return Optional.empty();
        }
        List<OffsetRange> out = new ArrayList<>();
        ranges.forEach((p, r) -> out.add(new OffsetRange(topic, p, r[0], r[1])));
        return Optional.of(List.copyOf(out));
    }
}
