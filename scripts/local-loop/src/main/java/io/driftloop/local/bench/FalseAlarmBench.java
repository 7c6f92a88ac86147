package io.driftloop.local.bench;

import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.FeatureDrift;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.driftdetector.domain.DriftMonitor;
import io.driftloop.driftdetector.domain.Window;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * False alarms on a stationary stream: how often a window of the reference's own distribution is
 * judged "drifted" at the defaults ({@code drift.pValue} 0.05, {@code shareThreshold} 0.3, the default
 * test choice: Wasserstein / Jensen–Shannon against a reference of 10,000 training rows), for specs of
 * 1, 3, 10 and 25 features and windows of 250 to 4,000 events. Each window's decision is also taken
 * on the share alone (the calibrated features, without the window's own p-value held below
 * {@code drift.alarmRate}) and the way it was before distances were calibrated (a distance feature
 * drifts when its distance reaches its threshold, whatever its p-value), from the same features, for
 * comparison.
 */
final class FalseAlarmBench {

    static final List<Integer> FEATURES = List.of(1, 3, 10, 25);
    static final List<Integer> WINDOWS = List.of(250, 500, 1000, 2000, 4000);
    static final double SHARE = 0.3;

    private FalseAlarmBench() {
    }

    /** A spec of {@code k} of the shift benchmark's features (numeric first; categorical from 10 on), defaults otherwise. */
    static ModelSpec spec(int k, int window) {
        int categorical = k >= 25 ? 5 : k >= 10 ? 2 : 0;
        StringBuilder s = new StringBuilder("name: bench-null\ntask: binary-classification\nfeatures:\n");
        for (int i = 0; i < k - categorical; i++) {
            s.append("  - {name: ").append(DriftShiftBench.numericName(i)).append(", type: numeric}\n");
        }
        for (int j = 0; j < categorical; j++) {
            s.append("  - {name: ").append(DriftShiftBench.categoricalName(j)).append(", type: categorical, values: [")
                    .append(String.join(", ", DriftShiftBench.CATEGORIES[j])).append("]}\n");
        }
        s.append("drift: {windowSize: ").append(window).append("}\n");
        return ModelSpecs.parse(s.toString());
    }

    static void run(int trials, long seed) {
        ReferenceProfile profile = DriftShiftBench.referenceProfile(seed, DriftShiftBench.REFERENCE_ROWS, 2000);
        ModelPromoted champion = DriftShiftBench.champion("bench-null");
        DriftMonitor.References references = c -> Optional.of(profile);
        System.out.printf(Locale.ROOT, "%nfalse alarms on a stationary stream (%d windows per cell; defaults: pValue 0.05,"
                + " shareThreshold %.1f, alarmRate 0.01, Benjamini-Hochberg; reference of %,d rows):%n", trials, SHARE,
                DriftShiftBench.REFERENCE_ROWS);
        System.out.println("  features | window | windows drifted: now (share + alarm rate) | share alone"
                + "            | distance only (uncalibrated) | features flagged: calibrated / uncalibrated");
        for (int k : FEATURES) {
            for (int window : WINDOWS) {
                ModelSpec spec = spec(k, window);
                int now = 0;
                int shareAlone = 0;
                int before = 0;
                long flaggedNow = 0;
                long flaggedBefore = 0;
                long tested = 0;
                long t = System.nanoTime();
                for (int trial = 0; trial < trials; trial++) {
                    DriftMonitor monitor = DriftShiftBench.monitor(Window.DEFAULT_SKETCH_K);
                    DriftShiftBench.ShiftTraffic traffic = new DriftShiftBench.ShiftTraffic(
                            seed + 7_919L * window + 104_729L * k + trial, 0);
                    DriftStats stats = null;
                    for (int i = 0; i < window; i++) {
                        Map<String, Object> row = traffic.next();
                        InferenceEvent e = new InferenceEvent("bench-null", "r-" + i, Instant.EPOCH.plusSeconds(i), 1,
                                row, Map.of(), null, null);
                        DriftMonitor.Outcome o = monitor.onInference(e, "null@" + trial, spec, Optional.of(champion),
                                references);
                        if (o.stats().isPresent()) {
                            stats = o.stats().get();
                        }
                    }
                    if (stats == null) {
                        throw new IllegalStateException("a window of " + window + " did not close");
                    }
                    now += stats.drifted() ? 1 : 0;
                    shareAlone += stats.shareDrifted() >= SHARE - 1e-12 ? 1 : 0;
                    long old = stats.features().stream().filter(FalseAlarmBench::driftedBefore).count();
                    before += old >= Math.ceil(SHARE * stats.features().size() - 1e-9) ? 1 : 0;
                    flaggedNow += stats.features().stream().filter(FeatureDrift::drifted).count();
                    flaggedBefore += old;
                    tested += stats.features().size();
                }
                System.out.printf(Locale.ROOT, "  %8d | %6d | %6.2f %%  (%3d of %d)                 | %6.2f %%  (%3d of %d)"
                                + " | %6.2f %%  (%3d of %d)         | %.2f %% / %.2f %%   [%.1f s]%n", k, window,
                        100.0 * now / trials, now, trials, 100.0 * shareAlone / trials, shareAlone, trials,
                        100.0 * before / trials, before, trials, 100.0 * flaggedNow / tested,
                        100.0 * flaggedBefore / tested, (System.nanoTime() - t) / 1e9);
            }
        }
        System.out.println("  (a window is drifted when at least 30 % of its features are and its own p-value, Simes'"
                + " combination of the features', is below drift.alarmRate; lower alarmRate to alarm less often)");
    }

    /** The decision before calibration: a distance at its threshold, a p-value test's adjusted p-value below its threshold. */
    static boolean driftedBefore(FeatureDrift f) {
        if (FeatureDrift.DISTANCE.equals(f.kind())) {
            return f.statistic() >= f.threshold();
        }
        return f.drifted();
    }
}
