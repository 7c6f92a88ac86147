package io.driftloop.dataprep.domain;

import io.driftloop.contracts.dataset.Split;
import io.driftloop.contracts.events.OffsetRange;
import io.driftloop.contracts.spec.DataSpec;
import io.driftloop.contracts.spec.DataStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where each model's labelled examples sit on the examples topic, in arrival order: (partition,
 * offset, inference time) so a dataset can be named as exact offset ranges, and what sizing a
 * dataset needs of each (where its request id falls for the split, its label, its attributes —
 * attribute maps shared between equal ones). Not thread-safe.
 */
public final class ExampleIndex {

    private final String topic;
    private final Map<String, Entries> byModel = new HashMap<>();
    private final Map<Map<String, ?>, Map<String, ?>> attributeMaps = new HashMap<>();

    /** One model's entries, in the order they were appended. */
    private static final class Entries {
        int size;
        int[] partitions = new int[1024];
        long[] offsets = new long[1024];
        long[] times = new long[1024];
        double[] units = new double[1024];
        byte[] labels = new byte[1024];
        Object[] attributes = new Object[1024];

        void add(int partition, long offset, long time, double unit, int label, Map<String, ?> attrs) {
            if (size == offsets.length) {
                int n = size * 2;
                partitions = Arrays.copyOf(partitions, n);
                offsets = Arrays.copyOf(offsets, n);
                times = Arrays.copyOf(times, n);
                units = Arrays.copyOf(units, n);
                labels = Arrays.copyOf(labels, n);
                attributes = Arrays.copyOf(attributes, n);
            }
            partitions[size] = partition;
            offsets[size] = offset;
            times[size] = time;
            units[size] = unit;
            labels[size] = (byte) label;
            attributes[size] = attrs;
            size++;
        }
    }

    public ExampleIndex(String topic) {
        this.topic = topic;
    }

    /**
     * Appends an example of {@code model}.
     *
     * @param unit       where its request id falls in [0, 1) ({@link Split#unit})
     * @param attributes its attributes (null when none)
     */
    public void add(String model, int partition, long offset, Instant time, double unit, int label,
                    Map<String, ?> attributes) {
        Map<String, ?> shared = attributes == null || attributes.isEmpty() ? Map.of()
                : attributeMaps.computeIfAbsent(Map.copyOf(attributes), a -> a);
        byModel.computeIfAbsent(model, m -> new Entries()).add(partition, offset, time.toEpochMilli(), unit, label,
                shared);
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
     * The examples of {@code model} at or after {@code since}, newest first, as {@link SizingRule}
     * reads them: split by the given fractions, label, attributes.
     */
    public List<SizingRule.Example> newestFirst(String model, Instant since, double validationFraction,
                                                double testFraction) {
        return newestFirst(model, since, validationFraction, testFraction, Integer.MAX_VALUE);
    }

    /** The same, at most {@code limit} of them. */
    public List<SizingRule.Example> newestFirst(String model, Instant since, double validationFraction,
                                                double testFraction, int limit) {
        Entries e = byModel.get(model);
        if (e == null) {
            return List.of();
        }
        long from = since == null ? Long.MIN_VALUE : since.toEpochMilli();
        List<SizingRule.Example> out = new ArrayList<>();
        for (int i = e.size - 1; i >= 0 && out.size() < limit; i--) {
            if (e.times[i] >= from) {
                @SuppressWarnings("unchecked")
                Map<String, ?> attrs = (Map<String, ?>) e.attributes[i];
                out.add(new SizingRule.Example(Split.of(e.units[i], validationFraction, testFraction), e.labels[i],
                        attrs));
            }
        }
        return out;
    }

    /**
     * How many of the newest entries of {@code model} (whatever their time) hold every entry at or after
     * {@code since} and, before it, the newest {@code preRows} entries whose split is not test (the
     * test ones among them included): what a mixed dataset's ranges must span.
     */
    public int mixedSpan(String model, Instant since, int preRows, double validationFraction, double testFraction) {
        Entries e = byModel.get(model);
        if (e == null) {
            return 0;
        }
        long from = since.toEpochMilli();
        int span = 0;
        int pre = 0;
        for (int i = e.size - 1; i >= 0; i--) {
            if (e.times[i] >= from) {
                span++;
                continue;
            }
            if (pre >= preRows) {
                break;
            }
            span++;
            if (Split.of(e.units[i], validationFraction, testFraction) != Split.TEST) {
                pre++;
            }
        }
        return span;
    }

    /**
     * The ranges of a dataset cut by {@code data}'s strategy once sizing chose the newest {@code take}
     * of the {@code available} examples at or after {@code since}: those; for a mixed cut, when it takes
     * every example since the drift, the newest pre-drift examples that are not test rows too, up to
     * the pre-drift share; for a recency-weighted one every example since {@code from} (the champion's
     * promotion; null: every example) or the drift point when that is earlier, up to {@code cap} but
     * never fewer than {@code take}.
     */
    public List<OffsetRange> ranges(String model, DataSpec data, Instant since, Instant from, int take, int available,
                                    int cap, double validationFraction, double testFraction) {
        if (data.strategy() == DataStrategy.RECENCY_WEIGHTED) {
            Instant start = from == null || since == null ? null : from.isBefore(since) ? from : since;
            return select(model, start, Math.max(take, Math.min(cap, count(model, start))));
        }
        if (data.strategy() != DataStrategy.MIXED || since == null || take < available || data.preDriftShare() <= 0) {
            return select(model, since, take);
        }
        int preRows = (int) Math.round(take * data.preDriftShare() / (1 - data.preDriftShare()));
        return select(model, null, mixedSpan(model, since, preRows, validationFraction, testFraction));
    }

    /**
     * The offset ranges of the newest {@code take} examples of {@code model} at or after {@code since}
     * (fewer when there are fewer). A range per partition, from the first selected offset to one past
     * the last. The ranges alone define the dataset: whoever reads them keeps every example of the model
     * inside them (records of other models are skipped), so the same ranges always give the same rows.
     */
    public List<OffsetRange> select(String model, Instant since, int take) {
        Entries e = byModel.get(model);
        if (e == null) {
            return List.of();
        }
        long from = since == null ? Long.MIN_VALUE : since.toEpochMilli();
        Map<Integer, long[]> ranges = new TreeMap<>();
        int taken = 0;
        for (int i = e.size - 1; i >= 0 && taken < take; i--) {
            if (e.times[i] < from) {
                continue;
            }
            long offset = e.offsets[i];
            ranges.merge(e.partitions[i], new long[] {offset, offset + 1},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            taken++;
        }
        List<OffsetRange> out = new ArrayList<>();
        ranges.forEach((p, r) -> out.add(new OffsetRange(topic, p, r[0], r[1])));
        return List.copyOf(out);
    }
}
