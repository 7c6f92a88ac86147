package io.driftloop.driftdetector.domain;

import io.driftloop.contracts.dataset.NumericProfile;
import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.FeatureDrift;
import io.driftloop.contracts.spec.Correction;
import io.driftloop.contracts.spec.DriftSpec;
import io.driftloop.contracts.spec.FeatureSpec;
import io.driftloop.contracts.spec.ModelSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Compares a full window with the champion's reference profile, feature by feature in spec order:
 * numeric features by KS against the profile's sample, categorical ones by chi-square against the
 * profile's counts. The p-values of the tested features are adjusted together by the spec's
 * {@code correction} ({@link MultipleTesting}); a feature drifts when its adjusted p-value is below
 * the spec's {@code pValue}; the window drifts when the share of drifted features reaches
 * {@code shareThreshold}. A feature that cannot be tested (absent from the profile, or fewer than two
 * numbers on a side) is left out of the share and of the correction. Not thread-safe (it owns a
 * {@link DriftTests}).
 */
public final class WindowEvaluator {

    private final DriftTests tests;

    public WindowEvaluator(DriftTests tests) {
        this.tests = tests;
    }

    public DriftStats evaluate(Window window, ModelSpec spec, ReferenceProfile profile, int championVersion,
                               Instant computedAt) {
        DriftSpec drift = spec.drift();
        List<FeatureDrift> tested = new ArrayList<>();
        for (FeatureSpec f : spec.features()) {
            FeatureDrift result = f.numeric()
                    ? numeric(f.name(), window, profile.numeric().get(f.name()), drift.pValue())
                    : categorical(f.name(), window, profile.categorical().get(f.name()), drift.pValue());
            if (result != null) {
                tested.add(result);
            }
        }
        double[] adjusted = MultipleTesting.adjust(tested.stream().mapToDouble(FeatureDrift::pValue).toArray(),
                drift.correction());
        List<FeatureDrift> features = new ArrayList<>(tested.size());
        for (int i = 0; i < tested.size(); i++) {
            FeatureDrift f = tested.get(i);
            features.add(new FeatureDrift(f.feature(), f.test(), f.statistic(), f.pValue(), f.threshold(),
                    adjusted[i] < f.threshold(), f.referenceSize(), f.sampleSize(), adjusted[i]));
        }
        long driftedCount = features.stream().filter(FeatureDrift::drifted).count();
        double share = features.isEmpty() ? 0 : (double) driftedCount / features.size();
        boolean drifted = !features.isEmpty() && share >= drift.shareThreshold();
        return new DriftStats(statsId(window), window.model(), championVersion, window.start(), window.end(),
                window.size(), List.copyOf(features), share, drift.shareThreshold(), drifted, computedAt,
                correctionName(drift.correction()));
    }

    /** The name of a correction as it is written in the spec and in {@code ct.drift.stats.v1}. */
    static String correctionName(Correction correction) {
        return switch (correction) {
            case BENJAMINI_HOCHBERG -> "benjamini-hochberg";
            case BONFERRONI -> "bonferroni";
            case NONE -> "none";
        };
    }

    /** Deterministic id of a window's statistics: the same window replayed gets the same id. */
    public static String statsId(Window window) {
        return UUID.nameUUIDFromBytes(("drift-stats/" + window.model() + "/" + window.championVersion() + "/"
                + window.origin()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private FeatureDrift numeric(String name, Window window, NumericProfile reference, double pValue) {
        double[] values = window.numeric(name);
        if (reference == null || reference.sample() == null || reference.sample().length < 2 || values.length < 2) {
            return null;
        }
        DriftTests.Result r = tests.ks(reference.sample(), values);
        return new FeatureDrift(name, DriftTests.KS, r.statistic(), r.pValue(), pValue, false,
                reference.sample().length, values.length, null);
    }

    private FeatureDrift categorical(String name, Window window, Map<String, Long> reference, double pValue) {
        if (reference == null || reference.isEmpty()) {
            return null;
        }
        Map<String, Long> counts = window.categorical(name);
        DriftTests.Result r = tests.chiSquare(reference, counts);
        long referenceSize = reference.values().stream().mapToLong(Long::longValue).sum();
        return new FeatureDrift(name, DriftTests.CHI_SQUARE, r.statistic(), r.pValue(), pValue, false,
                (int) Math.min(Integer.MAX_VALUE, referenceSize), window.size(), null);
    }
}
