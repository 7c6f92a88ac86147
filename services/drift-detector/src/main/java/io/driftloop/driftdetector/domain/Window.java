package io.driftloop.driftdetector.domain;

import io.driftloop.contracts.events.InferenceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.DoublesSortedView;

/**
 * One model's window of inference events, in bounded memory whatever its length: each numeric
 * feature in an Apache DataSketches KLL quantile sketch (its first k values kept as they come, what
 * the sketch holds then: {@link NumericColumn}), each categorical feature in counts per value. A window closes by count — it is full after {@code capacity} events — or, when a
 * {@code duration} is set, by time: the first event at or after {@code start + duration} closes it
 * (event time), provided it holds at least {@link #minimumToCloseByTime()} events (fewer are too
 * few to test, so the window keeps filling). A request id seen again among the window's most
 * recent {@value #RECENT_IDS} is ignored.
 *
 * <p>Error bound: a KLL sketch with parameter {@code k} is exact while it holds at most {@code k}
 * values; beyond that a rank (CDF value) read from it is off by at most
 * {@link #rankError(int) rankError(k)} with 99% confidence (about 0.27% for the default k of 1024, 1.3% for k = 200),
 * and a KS statistic computed from it by at most that much.
 *
 * <p>It remembers the champion version it was started under and the position of its first event
 * ({@code origin}), which names the window deterministically; {@link #snapshot()} and
 * {@link #restore} carry it across a restart. Not thread-safe.
 */
public final class Window {

    /** The sketch parameter used when none is given: exact up to 1024 values per feature. */
    public static final int DEFAULT_SKETCH_K = 1024;
    static final int RECENT_IDS = 1024;

    private final String model;
    private final int capacity;
    private final Duration duration;
    private final int sketchK;
    private final Integer championVersion;
    private final String origin;
    private final LinkedHashSet<String> recentIds = new LinkedHashSet<>();
    // by name, the truth; whatever is handed out or checkpointed is sorted by name
    private final Map<String, NumericColumn> numeric = new HashMap<>();
    /** Count per value of each categorical feature, in a one-element array so that counting allocates nothing. */
    private final Map<String, Map<String, long[]>> categorical = new HashMap<>();
    private final BiConsumer<String, Object> addFeature = this::addFeature;
    // the same columns and counts by the slots of the layout observations came with last (filled on first use)
    private FeatureLayout layout;
    private NumericColumn[] numericSlots;
    private Map<String, long[]>[] categoricalSlots;
    private NumericColumn scores;
    private int size;
    private Instant start;
    private Instant end;

    /** A count window of {@code capacity} events with sketches of the default size. */
    public Window(String model, int capacity, Integer championVersion, String origin) {
        this(model, capacity, null, DEFAULT_SKETCH_K, championVersion, origin);
    }

    /**
     * @param capacity        events after which the window is full, positive
     * @param duration        length of a time window, or null for a count window only
     * @param sketchK         KLL parameter of the numeric sketches, 8 to 65535
     * @param championVersion champion when the window started, or null when there was none
     * @param origin          where the first event came from, e.g. {@code ct.inference.v1-2@1041}
     */
    public Window(String model, int capacity, Duration duration, int sketchK, Integer championVersion, String origin) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a window holds at least one event, capacity was " + capacity);
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new IllegalArgumentException("a time window's duration must be positive, was " + duration);
        }
        if (sketchK < 8 || sketchK > 65535) {
            throw new IllegalArgumentException("the sketch parameter k must be within [8, 65535], was " + sketchK);
        }
        this.model = model;
        this.capacity = capacity;
        this.duration = duration;
        this.sketchK = sketchK;
        this.championVersion = championVersion;
        this.origin = origin;
    }

    /** The rank error of a KLL sketch of parameter {@code k} in estimation mode (99% confidence, one-sided). */
    public static double rankError(int k) {
        return KllDoublesSketch.getNormalizedRankError(k, false);
    }

    /** Adds the event; false when its request id was seen recently, or the window is full. */
    public boolean add(InferenceEvent event) {
        if (!admit(event.requestId())) {
            return false;
        }
        event.features().forEach(addFeature);
        counted(event.score(), event.timestamp());
        return true;
    }

    /**
     * Adds the observation of an event, with the same effect as adding the event: its slots go
     * straight to the feature's column or counts. False when its request id was seen recently, or
     * the window is full.
     */
    public boolean add(Observation o) {
        if (!admit(o.requestId())) {
            return false;
        }
        FeatureLayout l = o.layout();
        if (l != null) {
            if (l != layout) {
                slotsFor(l);
            }
            for (int i = 0, n = o.slots(); i < n; i++) {
                byte kind = o.kind(i);
                if (kind == Observation.NUMBER) {
                    NumericColumn column = numericSlots[i];
                    if (column == null) {
                        column = numericColumn(l.name(i));
                        numericSlots[i] = column;
                    }
                    column.add(o.number(i));
                } else if (kind == Observation.TEXT) {
                    Map<String, long[]> counts = categoricalSlots[i];
                    if (counts == null) {
                        counts = counts(l.name(i));
                        categoricalSlots[i] = counts;
                    }
                    count(counts, o.text(i));
                }
            }
        }
        if (!o.others().isEmpty()) {
            o.others().forEach(addFeature);
        }
        counted(o.score(), o.timestamp());
        return true;
    }

    /** Whether an event with this request id is taken: the window is not full and has not seen the id recently. */
    private boolean admit(String requestId) {
        // a set keeps an id's first position when it is added again, so add() doubles as the check
        if (full() || !recentIds.add(requestId)) {
            return false;
        }
        if (recentIds.size() > RECENT_IDS) {
            recentIds.remove(recentIds.iterator().next());
        }
        return true;
    }

    private void counted(Double score, Instant at) {
        if (score != null) {
            if (scores == null) {
                scores = new NumericColumn(sketchK);
            }
            scores.add(score);
        }
        size++;
        if (start == null || at.isBefore(start)) {
            start = at;
        }
        if (end == null || at.isAfter(end)) {
            end = at;
        }
    }

    @SuppressWarnings("unchecked")
    private void slotsFor(FeatureLayout l) {
        layout = l;
        numericSlots = new NumericColumn[l.size()];
        categoricalSlots = new Map[l.size()];
        for (int i = 0; i < l.size(); i++) {
            numericSlots[i] = numeric.get(l.name(i));
            categoricalSlots[i] = categorical.get(l.name(i));
        }
    }

    private void addFeature(String name, Object value) {
        if (value instanceof Number n) {
            numericColumn(name).add(n.doubleValue());
        } else if (value != null) {
            count(counts(name), value.toString());
        }
    }

    private NumericColumn numericColumn(String name) {
        NumericColumn column = numeric.get(name);
        if (column == null) {
            column = new NumericColumn(sketchK);
            numeric.put(name, column);
        }
        return column;
    }

    private Map<String, long[]> counts(String name) {
        Map<String, long[]> counts = categorical.get(name);
        if (counts == null) {
            counts = new HashMap<>();
            categorical.put(name, counts);
        }
        return counts;
    }

    private static void count(Map<String, long[]> counts, String category) {
        long[] count = counts.get(category);
        if (count == null) {
            counts.put(category, new long[] {1});
        } else {
            count[0]++;
        }
    }

    /** Full by count: takes no more events. */
    public boolean full() {
        return size >= capacity;
    }

    /**
     * Whether an event at {@code at} falls after this time window's end, so the window closes
     * before it; always false for a count window and for a window with fewer than
     * {@link #minimumToCloseByTime()} events.
     */
    public boolean endsBefore(Instant at) {
        return duration != null && start != null && size >= minimumToCloseByTime()
                && !at.isBefore(start.plus(duration));
    }

    /** Events a time window needs before time may close it: the capacity, at most 30. */
    public int minimumToCloseByTime() {
        return Math.min(capacity, 30);
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    /** Length of a time window; null for a count window. */
    public Duration duration() {
        return duration;
    }

    public String model() {
        return model;
    }

    public Integer championVersion() {
        return championVersion;
    }

    public String origin() {
        return origin;
    }

    /** Timestamp of the earliest event in the window; null while empty. */
    public Instant start() {
        return start;
    }

    /** Timestamp of the latest event in the window; null while empty. */
    public Instant end() {
        return end;
    }

    /**
     * The sketch of the numeric values of {@code feature} (events without a number for it are
     * skipped); an empty sketch when there are none. Callers must not update it.
     */
    public KllDoublesSketch numericSketch(String feature) {
        NumericColumn column = numeric.get(feature);
        return column == null ? KllDoublesSketch.newHeapInstance(sketchK) : column.sketch();
    }

    /**
     * The distribution of the numeric values of {@code feature}, as {@link Distribution#of(KllDoublesSketch)}
     * gives it for {@link #numericSketch}: exact while at most k values were seen.
     */
    public Distribution numericDistribution(String feature) {
        NumericColumn column = numeric.get(feature);
        return column == null ? Distribution.of(new double[0]) : column.distribution();
    }

    /**
     * The share of the numeric values of {@code feature} in each bin that {@code splitPoints}
     * (ascending, distinct) make — {@code (-inf, s0), [s0, s1), …, [s_last, +inf)} — exact while at
     * most k values were seen, else the sketch's PMF; all 0 when there are none.
     */
    public double[] numericShares(String feature, double[] splitPoints) {
        NumericColumn column = numeric.get(feature);
        return column == null ? new double[splitPoints.length + 1] : column.shares(splitPoints);
    }

    /** The smallest numeric value of {@code feature} (exact: a sketch keeps it too); NaN when none. */
    public double numericMin(String feature) {
        NumericColumn column = numeric.get(feature);
        return column == null ? Double.NaN : column.min();
    }

    /** The largest numeric value of {@code feature} (exact: a sketch keeps it too); NaN when none. */
    public double numericMax(String feature) {
        NumericColumn column = numeric.get(feature);
        return column == null ? Double.NaN : column.max();
    }

    /** The sketch of the scores served with the window's events; empty when none carried one. Not to be updated. */
    public KllDoublesSketch scoreSketch() {
        return scores == null ? KllDoublesSketch.newHeapInstance(sketchK) : scores.sketch();
    }

    /** Whether any of the window's events carried a score. */
    public boolean hasScores() {
        return scores != null && !scores.isEmpty();
    }

    /** The distribution of the scores, as {@link Distribution#of(KllDoublesSketch)} gives it for {@link #scoreSketch()}. */
    public Distribution scoreDistribution() {
        return scores == null ? Distribution.of(new double[0]) : scores.distribution();
    }

    /**
     * The numeric values of {@code feature}, in ascending order: exactly the values while the
     * sketch is exact, otherwise one value per retained item repeated by its weight's share, at
     * most a few thousand values that have the sketch's distribution.
     */
    public double[] numeric(String feature) {
        NumericColumn column = numeric.get(feature);
        if (column == null || column.isEmpty()) {
            return new double[0];
        }
        if (column.exact()) {
            return column.sorted();
        }
        KllDoublesSketch sketch = column.sketch();
        DoublesSortedView view = sketch.getSortedView();
        double[] items = view.getQuantiles();
        if (!sketch.isEstimationMode()) {
            return items;
        }
        int m = (int) Math.min(sketch.getN(), 4L * sketchK);
        double[] values = new double[m];
        for (int i = 0; i < m; i++) {
            values[i] = sketch.getQuantile((i + 0.5) / m);
        }
        return values;
    }

    /**
     * Count per value of {@code feature}; an event without a value for it counts as the empty
     * string, as in the reference profile built from the training data.
     */
    public Map<String, Long> categorical(String feature) {
        Map<String, Long> counts = counts(categorical.getOrDefault(feature, Map.of()));
        long present = counts.values().stream().mapToLong(Long::longValue).sum()
                + (numeric.containsKey(feature) ? numeric.get(feature).n() : 0);
        if (present < size) {
            counts.merge("", size - present, Long::sum);
        }
        return counts;
    }

    /** The window's whole state, for a checkpoint: sketches as base64 of their DataSketches bytes. */
    public Snapshot snapshot() {
        Map<String, String> sketches = new LinkedHashMap<>();
        new TreeMap<>(numeric).forEach((name, column) ->
                sketches.put(name, Base64.getEncoder().encodeToString(column.sketch().toByteArray())));
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        new TreeMap<>(categorical).forEach((name, c) -> counts.put(name, counts(c)));
        return new Snapshot(model, capacity, duration, sketchK, championVersion, origin, size, start, end, sketches,
                counts, scores == null ? null : Base64.getEncoder().encodeToString(scores.sketch().toByteArray()));
    }

    /** The window a {@link #snapshot()} was taken of (recent request ids are not kept). */
    public static Window restore(Snapshot s) {
        Window w = new Window(s.model(), s.capacity(), s.duration(), s.sketchK(), s.championVersion(), s.origin());
        s.numeric().forEach((name, b64) -> w.numeric.put(name,
                NumericColumn.of(KllDoublesSketch.heapify(Memory.wrap(Base64.getDecoder().decode(b64))))));
        s.categorical().forEach((name, counts) -> {
            Map<String, long[]> c = new HashMap<>();
            counts.forEach((value, count) -> c.put(value, new long[] {count}));
            w.categorical.put(name, c);
        });
        if (s.scores() != null) {
            w.scores = NumericColumn.of(KllDoublesSketch.heapify(Memory.wrap(Base64.getDecoder().decode(s.scores()))));
        }
        w.size = s.size();
        w.start = s.start();
        w.end = s.end();
        return w;
    }

    /** Counts as a sorted map of their own. */
    private static Map<String, Long> counts(Map<String, long[]> counts) {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((value, count) -> sorted.put(value, count[0]));
        return sorted;
    }

    /** A window's state: what {@link #restore} needs to carry on filling it. */
    public record Snapshot(String model, int capacity, Duration duration, int sketchK, Integer championVersion,
                           String origin, int size, Instant start, Instant end, Map<String, String> numeric,
                           Map<String, Map<String, Long>> categorical, String scores) {

        public Snapshot {
            Objects.requireNonNull(model, "model");
            numeric = numeric == null ? Map.of() : numeric;
            categorical = categorical == null ? Map.of() : categorical;
        }
    }
}
