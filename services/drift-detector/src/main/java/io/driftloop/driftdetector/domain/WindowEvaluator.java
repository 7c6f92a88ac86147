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
 * Compares a full window with the champion's reference profile, feature by feature in spec order,
 * each by the test {@link TestChoice} picks for it: numeric features against the profile's sample,
 * categorical ones against the profile's counts. The p-values of the features compared by a p-value
 * test (KS, chi-square) are adjusted together by the spec's {@code correction} ({@link MultipleTesting})
 * and such a feature drifts when its adjusted p-value is below its threshold; a feature compared by a
 * distance (Wasserstein, Jensen–Shannon, PSI) is not part of the correction and drifts when the
 * distance is at least its threshold. The window drifts when the weighted share of drifted features
 * (sum of the drifted features' {@code driftWeight} over the sum of all tested features' weights)
 * reaches {@code shareThreshold}. A feature that cannot be tested (absent from the profile, or fewer
 * than two numbers on a side) is left out of the share and of the correction. Stateless apart from its
 * {@link DriftTests}; thread-safe.
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
                    ? numeric(f, drift, window, profile.numeric().get(f.name()))
                    : categorical(f, drift, window, profile.categorical().get(f.name()));
            if (result != null) {
                tested.add(result);
            }
        }
        double[] adjusted = MultipleTesting.adjust(tested.stream().filter(WindowEvaluator::pValueTest)
                .mapToDouble(FeatureDrift::pValue).toArray(), drift.correction());
        List<FeatureDrift> features = new ArrayList<>(tested.size());
        int next = 0;
        for (FeatureDrift f : tested) {
            if (pValueTest(f)) {
                double q = adjusted[next++];
                features.add(new FeatureDrift(f.feature(), f.test(), f.statistic(), f.pValue(), f.threshold(),
                        q < f.threshold(), f.referenceSize(), f.sampleSize(), q, f.kind(), f.weight()));
            } else {
                features.add(f);
            }
        }
        double totalWeight = features.stream().mapToDouble(FeatureDrift::weight).sum();
        double driftedWeight = features.stream().filter(FeatureDrift::drifted).mapToDouble(FeatureDrift::weight).sum();
        double share = totalWeight > 0 ? driftedWeight / totalWeight : 0;
        boolean drifted = totalWeight > 0 && share >= drift.shareThreshold();
        return new DriftStats(statsId(window), window.model(), championVersion, window.start(), window.end(),
                window.size(), List.copyOf(features), share, drift.shareThreshold(), drifted, computedAt,
                correctionName(drift.correction()));
    }

    private static boolean pValueTest(FeatureDrift f) {
        return FeatureDrift.P_VALUE.equals(f.kind());
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

    private FeatureDrift numeric(FeatureSpec f, DriftSpec drift, Window window, NumericProfile reference) {
        if (reference == null || reference.sample() == null || reference.sample().length < 2) {
            return null;
        }
        Distribution current = Distribution.of(window.numericSketch(f.name()));
        if (current.n() < 2) {
            return null;
        }
        Distribution ref = Distribution.of(reference.sample());
        TestChoice choice = TestChoice.of(f, drift, ref.n());
        double statistic;
        Double p = null;
        switch (choice.test()) {
            case KS -> {
                DriftTests.Result r = tests.ks(ref, current);
                statistic = r.statistic();
                p = r.pValue();
            }
            case WASSERSTEIN -> statistic = tests.wasserstein(ref, current);
            case JENSEN_SHANNON -> statistic = tests.jensenShannon(ref, current);
            case PSI -> statistic = tests.psi(ref, current);
            default -> throw new IllegalStateException("no numeric test " + choice.test());
        }
        return result(f, choice, statistic, p, ref.n(), current.n());
    }

    private FeatureDrift categorical(FeatureSpec f, DriftSpec drift, Window window, Map<String, Long> reference) {
        if (reference == null || reference.isEmpty()) {
            return null;
        }
        long referenceSize = reference.values().stream().mapToLong(c -> Math.max(0, c)).sum();
        Map<String, Long> counts = window.categorical(f.name());
        long sampleSize = counts.values().stream().mapToLong(Long::longValue).sum();
        TestChoice choice = TestChoice.of(f, drift, referenceSize);
        if (!choice.pValueTest() && (referenceSize == 0 || sampleSize == 0)) {
            return null;
        }
        double statistic;
        Double p = null;
        switch (choice.test()) {
            case CHI_SQUARE -> {
                DriftTests.Result r = tests.chiSquare(reference, counts);
                statistic = r.statistic();
                p = r.pValue();
            }
            case JENSEN_SHANNON -> statistic = tests.jensenShannon(reference, counts);
            case PSI -> statistic = tests.psi(reference, counts);
            default -> throw new IllegalStateException("no categorical test " + choice.test());
        }
        return result(f, choice, statistic, p, referenceSize, window.size());
    }

    /** A p-value test's result is completed once the window's p-values are adjusted; a distance's is final. */
    private static FeatureDrift result(FeatureSpec f, TestChoice choice, double statistic, Double p,
                                       long referenceSize, long sampleSize) {
        boolean distance = !choice.pValueTest();
        return new FeatureDrift(f.name(), choice.test().wireName(), statistic, p, choice.threshold(),
                distance && statistic >= choice.threshold(), size(referenceSize), size(sampleSize), null,
                distance ? FeatureDrift.DISTANCE : FeatureDrift.P_VALUE, f.weight());
    }

    private static int size(long n) {
        return (int) Math.min(Integer.MAX_VALUE, n);
    }
}
