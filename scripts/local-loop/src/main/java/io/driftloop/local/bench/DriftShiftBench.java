package io.driftloop.local.bench;

import io.driftloop.contracts.dataset.NumericProfile;
import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.FeatureDrift;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.driftdetector.domain.Distribution;
import io.driftloop.driftdetector.domain.DriftMonitor;
import io.driftloop.driftdetector.domain.DriftTests;
import io.driftloop.driftdetector.domain.RetrainPolicy;
import io.driftloop.driftdetector.domain.Window;
import io.driftloop.driftdetector.domain.WindowEvaluator;
import io.driftloop.driftdetector.domain.concept.ConceptDriftMonitor;
import io.driftloop.driftdetector.domain.concept.ConceptDriftPolicy;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * Two benchmarks of the drift-detector's pure core ({@link DriftMonitor}, in process, no broker),
 * every figure a count or ratio measured in the run and printed:
 *
 * <ol>
 *   <li><b>Covariate shift</b> — a model with 20 numeric features, N(0, 1), and 5 categorical ones
 *   (2 to 8 values); its reference profile is built from {@value #REFERENCE_ROWS} training rows the way
 *   data-prep builds it. In production the first {@value #SHIFTED} numeric features move by
 *   {@value #SHIFT} standard deviations. For each window size, independent trials (one window of
 *   fresh events each, fixed seeds) count how often each shifted feature is flagged, how often an
 *   unshifted one is (false positives), and how often the window decision is "drifted" at share
 *   thresholds 0.1 (3 of 25 = 0.12 suffices) and 0.3 (the default; needs 8 of 25); a null run
 *   without shift gives the false-alarm rate. Once with the default test choice and once with KS
 *   forced ({@code drift.numericTest: ks}).</li>
 *   <li><b>Memory</b> — 10 models × 100 numeric features, 10,000,000 events in all, in windows that
 *   never close during the run, so every feature's KLL sketch runs in estimation mode; heap used
 *   after a full collection before, during and after, per model-feature and against keeping the raw
 *   values. Then the rank error of one window feature of 1,000,000 values against the exact sample.</li>
 * </ol>
 *
 * Run with {@code scripts/bench-drift-shift} (a serial collector and a fixed heap, so heap figures
 * are stable). Single-threaded.
 */
public final class DriftShiftBench {

    static final int NUMERIC = 20;
    static final int SHIFTED = 3;
    static final double SHIFT = 0.25;
    static final int REFERENCE_ROWS = 10_000;
    static final double DETECTION = 0.95;
    static final double FALSE_ALARMS = 0.05;
    static final double[] SHARES = {0.1, 0.3};
    static final List<Integer> WINDOWS = List.of(100, 250, 400, 500, 750, 1000, 1500, 2000, 4000);

    static final String[][] CATEGORIES = {
            {"yes", "no"},
            {"a", "b", "c"},
            {"north", "south", "east", "west"},
            {"s", "m", "l", "xl", "xxl", "xxxl"},
            {"t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7"}};
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final int MILLION = 1_000_000;

    private DriftShiftBench() {
    }

    public static void main(String[] args) {
        Options o = Options.parse(args);
        if (o == null) {
            return;
        }
        System.out.println("drift-detector core, in process: covariate shift and memory");
        System.out.println("java " + System.getProperty("java.version") + ", max heap " + mb(Runtime.getRuntime().maxMemory())
                + ", collectors " + ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", ")));
        if (o.shift) {
            long t = System.nanoTime();
            shift(o);
            System.out.printf(Locale.ROOT, "(covariate shift: %.0f s)%n%n", (System.nanoTime() - t) / 1e9);
        }
        if (o.falseAlarms) {
            long t = System.nanoTime();
            FalseAlarmBench.run(o.falseAlarmTrials, o.seed);
            System.out.printf(Locale.ROOT, "(false alarms: %.0f s)%n%n", (System.nanoTime() - t) / 1e9);
        }
        if (o.memory) {
            long t = System.nanoTime();
            memory(o);
            accuracy(o);
            System.out.printf(Locale.ROOT, "(memory: %.0f s)%n", (System.nanoTime() - t) / 1e9);
        }
    }

    // ------------------------------------------------------------------------------------------
    // 1. covariate shift

    static String numericName(int i) {
        return String.format(Locale.ROOT, "n%02d", i);
    }

    static String categoricalName(int j) {
        return "c" + j;
    }

    /** All 25 feature names: the numeric ones first, the shifted ones being n00..n02. */
    static List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < NUMERIC; i++) {
            names.add(numericName(i));
        }
        for (int j = 0; j < CATEGORIES.length; j++) {
            names.add(categoricalName(j));
        }
        return names;
    }

    /** The spec of the shift benchmark: numeric test {@code numericTest}, every other setting at its default. */
    static ModelSpec shiftSpec(int window, String numericTest, double shareThreshold) {
        StringBuilder s = new StringBuilder("name: bench-shift\ntask: binary-classification\nfeatures:\n");
        for (int i = 0; i < NUMERIC; i++) {
            s.append("  - {name: ").append(numericName(i)).append(", type: numeric}\n");
        }
        for (int j = 0; j < CATEGORIES.length; j++) {
            s.append("  - {name: ").append(categoricalName(j)).append(", type: categorical, values: [")
                    .append(String.join(", ", CATEGORIES[j])).append("]}\n");
        }
        s.append("drift: {windowSize: ").append(window).append(", numericTest: ").append(numericTest)
                .append(", shareThreshold: ").append(shareThreshold).append("}\n");
        return ModelSpecs.parse(s.toString());
    }

    /**
     * Feature rows of the shift benchmark, deterministic for a seed: numeric N(0, 1), plus
     * {@code shift} on the first {@value #SHIFTED}; categorical value {@code i} of {@code m} with weight
     * {@code m - i}. One map is reused for every row: a window reads the values as it adds the event.
     */
    static final class ShiftTraffic {
        private final SplittableRandom random;
        private final double shift;
        private final Map<String, Object> row = new LinkedHashMap<>();

        ShiftTraffic(long seed, double shift) {
            this.random = new SplittableRandom(seed);
            this.shift = shift;
        }

        Map<String, Object> next() {
            for (int i = 0; i < NUMERIC; i++) {
                row.put(numericName(i), random.nextGaussian() + (i < SHIFTED ? shift : 0));
            }
            for (int j = 0; j < CATEGORIES.length; j++) {
                row.put(categoricalName(j), categorical(CATEGORIES[j]));
            }
            return row;
        }

        private String categorical(String[] values) {
            int m = values.length;
            int u = random.nextInt(m * (m + 1) / 2);
            for (int i = 0; i < m; i++) {
                u -= m - i;
                if (u < 0) {
                    return values[i];
                }
            }
            throw new IllegalStateException("unreachable");
        }
    }

    /**
     * The profile data-prep's {@code DatasetBuilder.profile} builds from the training rows: per
     * numeric feature the count, mean, standard deviation (n − 1) and the sorted values at ranks
     * {@code (i + 0.5) · n / cap} for {@code cap = drift.referenceSampleSize}; per categorical feature
     * the count of each value.
     */
    static ReferenceProfile referenceProfile(long seed, int rows, int cap) {
        ShiftTraffic training = new ShiftTraffic(seed, 0);
        double[][] numeric = new double[NUMERIC][rows];
        Map<String, Map<String, Long>> categorical = new TreeMap<>();
        for (int r = 0; r < rows; r++) {
            Map<String, Object> row = training.next();
            for (int i = 0; i < NUMERIC; i++) {
                numeric[i][r] = (Double) row.get(numericName(i));
            }
            for (int j = 0; j < CATEGORIES.length; j++) {
                categorical.computeIfAbsent(categoricalName(j), k -> new TreeMap<>())
                        .merge((String) row.get(categoricalName(j)), 1L, Long::sum);
            }
        }
        Map<String, NumericProfile> profiles = new TreeMap<>();
        for (int i = 0; i < NUMERIC; i++) {
            double[] sorted = numeric[i].clone();
            Arrays.sort(sorted);
            profiles.put(numericName(i), NumericProfile.of(sorted, cap));
        }
        return new ReferenceProfile("bench-shift", "bench-shift-training-" + seed, rows, profiles, categorical);
    }

    static ModelPromoted champion(String model) {
        return new ModelPromoted(model, 1, null, new ArtifactRef("file:///bench/" + model, "00", "dl4j-multilayer"),
                "sha256:bench", "sha256:bench-spec", Map.of(), "bench", T0, "bench-1",
                new ArtifactRef("file:///bench/" + model + "/profile", "11", ReferenceProfile.FORMAT));
    }

    /**
     * One evaluator for every trial, as the service has one: it keeps each reference's distribution and
     * its distances' calibration, which a fresh evaluator per trial would compute again.
     */
    private static final WindowEvaluator EVALUATOR = new WindowEvaluator(new DriftTests(1));

    /** A monitor wired as the service's {@code MonitorProducer} wires it, with sketch parameter {@code k}. */
    static DriftMonitor monitor(int k) {
        return new DriftMonitor(EVALUATOR, new RetrainPolicy(CLOCK), CLOCK, k,
                new ConceptDriftMonitor(ConceptDriftPolicy.defaults()));
    }

    /** Counts over the trials of one window size, one numeric test and one world (shifted or not). */
    static final class Tally {
        final List<String> features;
        final long[] flagged;
        final double[] statisticSum;
        final long[] windowDrifted = new long[SHARES.length];
        long allShifted;
        long trials;
        String numericTestUsed = "?";
        String categoricalTestUsed = "?";
        double numericThreshold;

        Tally(List<String> features) {
            this.features = features;
            this.flagged = new long[features.size()];
            this.statisticSum = new double[features.size()];
        }

        void add(DriftStats[] byShare) {
            DriftStats stats = byShare[0];
            Map<String, FeatureDrift> byName = stats.features().stream()
                    .collect(Collectors.toMap(FeatureDrift::feature, f -> f));
            if (byName.size() != features.size()) {
                throw new IllegalStateException("expected all " + features.size() + " features tested, got " + byName.keySet());
            }
            boolean all = true;
            for (int f = 0; f < features.size(); f++) {
                FeatureDrift d = byName.get(features.get(f));
                statisticSum[f] += d.statistic();
                if (d.drifted()) {
                    flagged[f]++;
                } else if (f < SHIFTED) {
                    all = false;
                }
            }
            numericTestUsed = byName.get(numericName(0)).test();
            numericThreshold = byName.get(numericName(0)).threshold();
            categoricalTestUsed = byName.get(categoricalName(0)).test();
            if (all) {
                allShifted++;
            }
            for (int s = 0; s < SHARES.length; s++) {
                // every monitor saw the same events: the per-feature verdicts must agree across share thresholds
                List<Boolean> mine = byShare[s].features().stream().map(FeatureDrift::drifted).toList();
                List<Boolean> first = stats.features().stream().map(FeatureDrift::drifted).toList();
                if (!mine.equals(first)) {
                    throw new IllegalStateException("monitors on the same events disagree on features");
                }
                if (byShare[s].drifted()) {
                    windowDrifted[s]++;
                }
            }
            trials++;
        }

        double rate(int feature) {
            return (double) flagged[feature] / trials;
        }

        /** Share of (trial, feature) pairs flagged among features {@code from} (inclusive) to {@code to} (exclusive). */
        double rate(int from, int to) {
            long sum = 0;
            for (int f = from; f < to; f++) {
                sum += flagged[f];
            }
            return (double) sum / ((long) (to - from) * trials);
        }

        double meanStatistic(int from, int to) {
            double sum = 0;
            for (int f = from; f < to; f++) {
                sum += statisticSum[f];
            }
            return sum / ((long) (to - from) * trials);
        }

        double allShiftedRate() {
            return (double) allShifted / trials;
        }

        double windowRate(int share) {
            return (double) windowDrifted[share] / trials;
        }

        double minShiftedRate() {
            double min = 1;
            for (int f = 0; f < SHIFTED; f++) {
                min = Math.min(min, rate(f));
            }
            return min;
        }
    }

    static void shift(Options o) {
        List<String> names = featureNames();
        int cap = shiftSpec(100, "auto", 0.3).drift().referenceSampleSize();
        ReferenceProfile profile = referenceProfile(o.seed, REFERENCE_ROWS, cap);
        ModelPromoted champion = champion("bench-shift");
        DriftMonitor.References references = c -> Optional.of(profile);
        String[] tests = {"auto", "ks"};
        System.out.println();
        System.out.println("== 1. covariate shift: events needed to detect a mean shift of " + SHIFT
                + " standard deviations in " + SHIFTED + " of " + names.size() + " features ==");
        System.out.printf(Locale.ROOT, "features: %d numeric N(0,1) (n00..n%02d), %d categorical (c0..c%d, %s values,"
                        + " value i of m with weight m-i); shifted: n00, n01, n02 by +%.2f sigma%n",
                NUMERIC, NUMERIC - 1, CATEGORIES.length, CATEGORIES.length - 1,
                Arrays.stream(CATEGORIES).map(c -> String.valueOf(c.length)).collect(Collectors.joining("/")), SHIFT);
        System.out.printf(Locale.ROOT, "reference profile: %,d training rows, as data-prep builds it: %d evenly spaced"
                + " sorted values per numeric feature (drift.referenceSampleSize default), counts per category%n",
                REFERENCE_ROWS, cap);
        System.out.printf(Locale.ROOT, "trials: %d independent windows per window size and world (fixed seeds from %d),"
                + " fed through DriftMonitor.onInference; sketch k %d (a window of more than %d events is read from its"
                + " KLL sketch, rank error %.2f%%)%n", o.trials, o.seed, Window.DEFAULT_SKETCH_K, Window.DEFAULT_SKETCH_K,
                100 * Window.rankError(Window.DEFAULT_SKETCH_K));

        Map<String, Map<Integer, Tally[]>> results = new LinkedHashMap<>();
        for (String test : tests) {
            results.put(test, new LinkedHashMap<>());
        }
        for (int window : o.windows) {
            long t = System.nanoTime();
            ModelSpec[][] specs = new ModelSpec[tests.length][SHARES.length];
            for (int x = 0; x < tests.length; x++) {
                for (int s = 0; s < SHARES.length; s++) {
                    specs[x][s] = shiftSpec(window, tests[x], SHARES[s]);
                }
            }
            Tally[][] tallies = new Tally[tests.length][2];
            for (int x = 0; x < tests.length; x++) {
                tallies[x][0] = new Tally(names);
                tallies[x][1] = new Tally(names);
                results.get(tests[x]).put(window, tallies[x]);
            }
            for (int world = 0; world < 2; world++) {
                double shift = world == 0 ? SHIFT : 0;
                for (int trial = 0; trial < o.trials; trial++) {
                    DriftStats[][] stats = trial(window, specs, shift,
                            o.seed + 1_000_003L * window + 2L * trial + world, champion, references);
                    for (int x = 0; x < tests.length; x++) {
                        tallies[x][world].add(stats[x]);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "  window %,6d: %d + %d trials in %.1f s%n", window, o.trials, o.trials,
                    (System.nanoTime() - t) / 1e9);
        }
        for (String test : tests) {
            printShiftTable(test, results.get(test), names.size());
        }
    }

    /** One trial: {@code window} fresh events into one monitor per (test, share threshold); their closed windows. */
    static DriftStats[][] trial(int window, ModelSpec[][] specs, double shift, long seed, ModelPromoted champion,
                                DriftMonitor.References references) {
        DriftMonitor[][] monitors = new DriftMonitor[specs.length][specs[0].length];
        for (DriftMonitor[] row : monitors) {
            for (int s = 0; s < row.length; s++) {
                row[s] = monitor(Window.DEFAULT_SKETCH_K);
            }
        }
        DriftStats[][] closed = new DriftStats[specs.length][specs[0].length];
        ShiftTraffic traffic = new ShiftTraffic(seed, shift);
        Optional<ModelPromoted> champ = Optional.of(champion);
        String origin = "bench@" + seed;
        for (int i = 0; i < window; i++) {
            InferenceEvent event = new InferenceEvent("bench-shift", "r-" + i, T0.plusSeconds(i), 1, traffic.next(),
                    Map.of(), null, null);
            for (int x = 0; x < specs.length; x++) {
                for (int s = 0; s < specs[x].length; s++) {
                    DriftMonitor.Outcome outcome = monitors[x][s].onInference(event, origin, specs[x][s], champ, references);
                    DriftMonitor.Status expected = i + 1 < window ? DriftMonitor.Status.COUNTED : DriftMonitor.Status.EVALUATED;
                    if (outcome.status() != expected) {
                        throw new IllegalStateException("event " + i + " of a window of " + window + ": " + outcome.status());
                    }
                    if (outcome.stats().isPresent()) {
                        closed[x][s] = outcome.stats().get();
                    }
                }
            }
        }
        return closed;
    }

    static void printShiftTable(String test, Map<Integer, Tally[]> byWindow, int featureCount) {
        Tally any = byWindow.values().iterator().next()[0];
        System.out.println();
        if (test.equals("auto")) {
            System.out.printf(Locale.ROOT, "-- drift.numericTest: auto (default): reference of %d values > %d, so numeric"
                            + " features are compared by %s (threshold %.2f), categorical by %s --%n",
                    shiftSpec(100, "auto", 0.3).drift().referenceSampleSize(), 1000, any.numericTestUsed,
                    any.numericThreshold, any.categoricalTestUsed);
        } else {
            System.out.printf(Locale.ROOT, "-- drift.numericTest: ks (forced): numeric features by %s, adjusted p-value"
                            + " (Benjamini-Hochberg over the 20) < %.2f; categorical by %s (auto) --%n",
                    any.numericTestUsed, any.numericThreshold, any.categoricalTestUsed);
        }
        System.out.println("           | shift +0.25 sigma on n00..n02                                                 || no shift (null run)");
        System.out.println("    window |  n00   n01   n02  all 3 | FP num  FP cat | win@0.1 win@0.3 | stat shifted/other || FP num  FP cat | alarm@0.1 alarm@0.3");
        int firstCat = NUMERIC;
        for (Map.Entry<Integer, Tally[]> e : byWindow.entrySet()) {
            Tally s = e.getValue()[0];
            Tally n = e.getValue()[1];
            System.out.printf(Locale.ROOT,
                    "    %,6d | %s %s %s %s  | %s  %s  |  %s   %s  |  %.3f / %.3f     || %s  %s  |  %s    %s%n",
                    e.getKey(), pct(s.rate(0)), pct(s.rate(1)), pct(s.rate(2)), pct(s.allShiftedRate()),
                    pct(s.rate(SHIFTED, firstCat)), pct(s.rate(firstCat, featureCount)),
                    pct(s.windowRate(0)), pct(s.windowRate(1)),
                    s.meanStatistic(0, SHIFTED), s.meanStatistic(SHIFTED, firstCat),
                    pct(n.rate(0, firstCat)), pct(n.rate(firstCat, featureCount)),
                    pct(n.windowRate(0)), pct(n.windowRate(1)));
        }
        System.out.println("    (shares of trials; FP num = per unshifted numeric feature, FP cat = per categorical"
                + " feature; win@x = window decision \"drifted\" at drift.shareThreshold x; stat = mean statistic)");
        Integer each = firstWindow(byWindow, (shifted, none) -> shifted.minShiftedRate() >= DETECTION);
        Integer eachClean = firstWindow(byWindow, (shifted, none) -> shifted.minShiftedRate() >= DETECTION
                && Math.max(Math.max(shifted.rate(SHIFTED, firstCat), shifted.rate(firstCat, featureCount)),
                Math.max(none.rate(0, firstCat), none.rate(firstCat, featureCount))) <= FALSE_ALARMS);
        Integer all = firstWindow(byWindow, (shifted, none) -> shifted.allShiftedRate() >= DETECTION);
        StringBuilder line = new StringBuilder("    => ").append(test).append(": each shifted feature flagged in >= 95% of")
                .append(" windows from ").append(events(each));
        if (each != null) {
            line.append(" (unshifted numeric features flagged there: ")
                    .append(pct(byWindow.get(each)[0].rate(SHIFTED, firstCat)).trim()).append(')');
        }
        line.append(", with <= 5% false positives per feature from ").append(events(eachClean))
                .append("; all three in the same window from ").append(events(all)).append('.');
        for (int s = 0; s < SHARES.length; s++) {
            int share = s;
            Integer detected = firstWindow(byWindow, (shifted, none) -> shifted.windowRate(share) >= DETECTION);
            Integer clean = firstWindow(byWindow, (shifted, none) -> shifted.windowRate(share) >= DETECTION
                    && none.windowRate(share) <= FALSE_ALARMS);
            line.append(String.format(Locale.ROOT, "%n       window decision at share %.1f: >= 95%% of windows from %s",
                    SHARES[s], events(detected)));
            if (detected != null) {
                line.append(" (null-run false alarms there: ").append(pct(byWindow.get(detected)[1].windowRate(s)).trim())
                        .append(')');
            }
            line.append(", with <= 5% false alarms from ").append(events(clean));
            if (clean == null && SHARES[s] * featureCount > SHIFTED) {
                line.append(String.format(Locale.ROOT, " (%d of %d = %.2f < %.1f: it needs %d drifted features, so only"
                                + " false positives can tip it)", SHIFTED, featureCount, (double) SHIFTED / featureCount,
                        SHARES[s], (int) Math.ceil(SHARES[s] * featureCount - 1e-9)));
            }
            line.append('.');
        }
        System.out.println(line);
    }

    /** The smallest window size whose (shifted, null-run) tallies satisfy {@code reached}, or null. */
    private static Integer firstWindow(Map<Integer, Tally[]> byWindow, BiPredicate<Tally, Tally> reached) {
        return byWindow.entrySet().stream().filter(e -> reached.test(e.getValue()[0], e.getValue()[1]))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private static String events(Integer window) {
        return window == null ? "none of the sizes tried" : String.format(Locale.ROOT, "%,d events", window);
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%4.0f%%", 100 * share);
    }

    // ------------------------------------------------------------------------------------------
    // 2. memory

    static String featureName(int i) {
        return String.format(Locale.ROOT, "f%03d", i);
    }

    static ModelSpec memorySpec(String model, int features, int windowSize) {
        StringBuilder s = new StringBuilder("name: ").append(model).append("\ntask: binary-classification\nfeatures:\n");
        for (int i = 0; i < features; i++) {
            s.append("  - {name: ").append(featureName(i)).append(", type: numeric}\n");
        }
        s.append("drift: {windowSize: ").append(windowSize).append("}\n");
        return ModelSpecs.parse(s.toString());
    }

    /** Heap in use after full collections (with the serial collector: the live objects). */
    static long heapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static void memory(Options o) {
        int models = o.models;
        int features = o.features;
        long perModel = o.events / models;
        int windowSize = (int) Math.max(2_000_000, perModel + 1);
        System.out.println("== 2. memory: " + models + " models x " + features + " numeric features, "
                + String.format(Locale.ROOT, "%,d", o.events) + " events ==");
        System.out.printf(Locale.ROOT, "windowSize %,d (no window closes: %,d events per model), sketch k %d passed to"
                        + " DriftMonitor as MonitorProducer does; values N(0,1); events round-robin over the models%n",
                windowSize, perModel, o.sketchK);
        String[] modelNames = new String[models];
        ModelSpec[] specs = new ModelSpec[models];
        List<Optional<ModelPromoted>> champions = new ArrayList<>();
        String[] origins = new String[models];
        for (int m = 0; m < models; m++) {
            modelNames[m] = String.format(Locale.ROOT, "bench-mem-%02d", m);
            specs[m] = memorySpec(modelNames[m], features, windowSize);
            champions.add(Optional.of(champion(modelNames[m])));
            origins[m] = "bench@" + m;
        }
        String[] names = new String[features];
        for (int i = 0; i < features; i++) {
            names[i] = featureName(i);
        }
        DriftMonitor.References none = c -> Optional.empty();
        DriftMonitor monitor = monitor(o.sketchK);
        SplittableRandom random = new SplittableRandom(o.seed);
        Map<String, Object> row = new LinkedHashMap<>();

        long baseline = heapAfterGc();
        System.out.printf(Locale.ROOT, "  heap after GC, before any event: %s%n", mb(baseline));
        Map<Long, Long> heapAt = new LinkedHashMap<>();
        long start = System.nanoTime();
        long step = Math.min(MILLION, o.events);
        for (long e = 0; e < o.events; e++) {
            int m = (int) (e % models);
            for (int i = 0; i < features; i++) {
                row.put(names[i], random.nextGaussian());
            }
            InferenceEvent event = new InferenceEvent(modelNames[m], "r-" + e, T0.plusMillis(e), 1, row, Map.of(),
                    null, null);
            DriftMonitor.Outcome outcome = monitor.onInference(event, origins[m], specs[m], champions.get(m), none);
            if (outcome.status() != DriftMonitor.Status.COUNTED) {
                throw new IllegalStateException("event " + e + ": " + outcome.status());
            }
            if ((e + 1) % step == 0) {
                long heap = heapAfterGc();
                heapAt.put(e + 1, heap);
                System.out.printf(Locale.ROOT, "  %,11d events (%,9d per model): heap after GC %s, +%s over baseline"
                                + " (%.0f s, %.0f events/s)%n", e + 1, (e + 1) / models, mb(heap), mb(heap - baseline),
                        (System.nanoTime() - start) / 1e9, (e + 1) / ((System.nanoTime() - start) / 1e9));
            }
        }
        for (int m = 0; m < models; m++) {
            if (monitor.filling(modelNames[m]) != perModel) {
                throw new IllegalStateException(modelNames[m] + " holds " + monitor.filling(modelNames[m]) + " events");
            }
        }
        long end = heapAt.containsKey(o.events) ? heapAt.get(o.events) : heapAfterGc();
        long first = heapAt.values().iterator().next();
        long firstAt = heapAt.keySet().iterator().next();
        long modelFeatures = (long) models * features;
        long windowBytes = end - baseline;
        double raw = (double) o.events * features * Double.BYTES;

        // cross-check from the checkpoint form of one model's window: the sketches' own sizes
        DriftMonitor.ModelState state = monitor.snapshot(modelNames[0]);
        long retained = 0;
        long serialized = 0;
        long seen = 0;
        for (String b64 : state.window().numeric().values()) {
            byte[] bytes = Base64.getDecoder().decode(b64);
            KllDoublesSketch sketch = KllDoublesSketch.heapify(Memory.wrap(bytes));
            retained += sketch.getNumRetained();
            serialized += bytes.length;
            seen += sketch.getN();
        }
        int sketches = state.window().numeric().size();

        System.out.println();
        System.out.printf(Locale.ROOT, "  heap after GC: baseline %s | after %,d events %s | after %,d events %s%n",
                mb(baseline), firstAt, mb(first), o.events, mb(end));
        System.out.printf(Locale.ROOT, "  growth from %,d to %,d events: %s (%.1f%% of the windows' memory) for %.0fx the stream%n",
                firstAt, o.events, mb(end - first), 100.0 * (end - first) / windowBytes, (double) o.events / firstAt);
        System.out.printf(Locale.ROOT, "  windows: %s for %,d model-features = %,.0f bytes per model-feature (%,d values each)%n",
                mb(windowBytes), modelFeatures, (double) windowBytes / modelFeatures, perModel);
        System.out.printf(Locale.ROOT, "  raw values instead: %,d x %d x 8 bytes = %.2f GB; ratio raw / windows = %,.0f : 1%n",
                o.events, features, raw / 1e9, raw / windowBytes);
        System.out.printf(Locale.ROOT, "  one model's checkpoint: %d sketches of %,d values, %,.0f items retained and %,.0f bytes"
                        + " serialized per sketch (the heap figure also holds array headroom, map entries and the"
                        + " window's %d recent request ids)%n",
                sketches, seen / Math.max(1, sketches), (double) retained / sketches, (double) serialized / sketches,
                1024);
    }

    /** Rank (CDF) error of a window feature's sketch over 1,000,000 values against the exact sample. */
    static void accuracy(Options o) {
        int n = o.accuracyValues;
        SplittableRandom random = new SplittableRandom(o.seed + 7);
        Window window = new Window("bench-accuracy", n, null, o.sketchK, 1, "bench@accuracy");
        double[] exact = new double[n];
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            exact[i] = random.nextGaussian();
            row.put("x", exact[i]);
            if (!window.add(new InferenceEvent("bench-accuracy", "a-" + i, T0.plusMillis(i), 1, row, Map.of(), null, null))) {
                throw new IllegalStateException("value " + i + " not added");
            }
        }
        KllDoublesSketch sketch = window.numericSketch("x");
        Distribution fromSketch = Distribution.of(sketch);
        Arrays.sort(exact);
        double maxDiff = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && exact[j + 1] == exact[i]) {
                j++;
            }
            double x = exact[i];
            // both CDFs are step functions jumping only at sample values (the sketch keeps sample values),
            // so the largest gap is at a value or just below one
            maxDiff = Math.max(maxDiff, Math.abs(fromSketch.cdf(x) - (double) (j + 1) / n));
            maxDiff = Math.max(maxDiff, Math.abs(fromSketch.cdf(Math.nextDown(x)) - (double) i / n));
            i = j + 1;
        }
        double bound = Window.rankError(o.sketchK);
        Distribution exactDist = Distribution.of(exact);
        double[] reference = referenceProfile(o.seed, REFERENCE_ROWS, 2000).numeric().get(numericName(0)).sample();
        Distribution ref = Distribution.of(reference);
        DriftTests tests = new DriftTests(1);
        double ksSketch = tests.ks(ref, fromSketch).statistic();
        double ksExact = tests.ks(ref, exactDist).statistic();
        double wSketch = tests.wasserstein(ref, fromSketch);
        double wExact = tests.wasserstein(ref, exactDist);
        System.out.println();
        System.out.printf(Locale.ROOT, "== window accuracy: one feature, %,d values, k %d (%,d items retained, %,d serialized bytes) ==%n",
                n, o.sketchK, sketch.getNumRetained(), sketch.getSerializedSizeBytes());
        System.out.printf(Locale.ROOT, "  rank error bound Window.rankError(%d) = %.5f (99%% confidence); measured max |CDF sketch - CDF exact| = %.5f (%.2f of the bound)%n",
                o.sketchK, bound, maxDiff, maxDiff / bound);
        System.out.printf(Locale.ROOT, "  KS statistic against a 2,000-value reference: sketch %.5f, exact %.5f, difference %.5f (bound DriftTests.ksStatisticError %.5f)%n",
                ksSketch, ksExact, Math.abs(ksSketch - ksExact), DriftTests.ksStatisticError(ref, fromSketch));
        System.out.printf(Locale.ROOT, "  Wasserstein/sigma against the same reference: sketch %.5f, exact %.5f, difference %.5f%n",
                wSketch, wExact, Math.abs(wSketch - wExact));
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    // ------------------------------------------------------------------------------------------

    static final class Options {
        boolean shift = true;
        boolean memory = true;
        int trials = 60;
        List<Integer> windows = WINDOWS;
        long events = 10_000_000L;
        int models = 10;
        int features = 100;
        int sketchK = Window.DEFAULT_SKETCH_K;
        int accuracyValues = MILLION;
        long seed = 42;
        boolean falseAlarms = true;
        int falseAlarmTrials = 200;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int a = 0; a < args.length; a++) {
                String arg = args[a];
                switch (arg) {
                    case "--help", "-h" -> {
                        System.out.println(USAGE);
                        return null;
                    }
                    case "--quick" -> {
                        o.trials = 20;
                        o.events = MILLION;
                        o.falseAlarmTrials = 50;
                    }
                    case "--shift-only" -> {
                        o.memory = false;
                        o.falseAlarms = false;
                    }
                    case "--memory-only" -> {
                        o.shift = false;
                        o.falseAlarms = false;
                    }
                    case "--false-alarms-only" -> {
                        o.shift = false;
                        o.memory = false;
                    }
                    case "--false-alarm-trials" -> o.falseAlarmTrials = Integer.parseInt(value(args, ++a, arg));
                    case "--trials" -> o.trials = Integer.parseInt(value(args, ++a, arg));
                    case "--windows" -> o.windows = Arrays.stream(value(args, ++a, arg).split(","))
                            .map(String::trim).map(Integer::parseInt).sorted().toList();
                    case "--events" -> o.events = Long.parseLong(value(args, ++a, arg).replace("_", ""));
                    case "--models" -> o.models = Integer.parseInt(value(args, ++a, arg));
                    case "--features" -> o.features = Integer.parseInt(value(args, ++a, arg));
                    case "--sketch-k" -> o.sketchK = Integer.parseInt(value(args, ++a, arg));
                    case "--seed" -> o.seed = Long.parseLong(value(args, ++a, arg));
                    default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
                }
            }
            if (o.trials < 1 || o.models < 1 || o.features < 1 || o.events < o.models) {
                throw new IllegalArgumentException("trials, models and features must be positive and events >= models");
            }
            if (o.events % o.models != 0) {
                throw new IllegalArgumentException("events must be a multiple of models");
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        static final String USAGE = """
                usage: DriftShiftBench [options]
                  --trials N        windows per window size and world in the shift benchmark (60)
                  --windows a,b,..  window sizes (100,250,400,500,750,1000,1500,2000,4000)
                  --events N        events of the memory benchmark, over all models (10000000)
                  --models N        models of the memory benchmark (10)
                  --features N      numeric features per model of the memory benchmark (100)
                  --sketch-k K      KLL parameter of the memory benchmark's windows (1024)
                  --seed S          seed of every generator (42)
                  --false-alarm-trials N  stationary windows per (features, window) cell (200)
                  --quick           20 trials, 1,000,000 events, 50 false-alarm windows
                  --shift-only | --memory-only | --false-alarms-only""";
    }
}
