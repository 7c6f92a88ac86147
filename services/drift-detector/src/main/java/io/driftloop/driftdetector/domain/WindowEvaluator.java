package io.driftloop.driftdetector.domain;

import io.driftloop.contracts.dataset.NumericProfile;
import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.FeatureDrift;
import io.driftloop.contracts.spec.Correction;
import io.driftloop.contracts.spec.DriftSpec;
import io.driftloop.contracts.spec.FeatureSpec;
import io.driftloop.contracts.spec.FeatureType;
import io.driftloop.contracts.spec.ModelSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compares a full window with the champion's reference profile, feature by feature in spec order,
 * each by the test {@link TestChoice} picks for it: numeric features against the profile's sample,
 * categorical ones against the profile's counts. The p-values of the features compared by a p-value
 * test (KS, chi-square) and the calibrated p-values of the features compared by a distance
 * (Wasserstein, Jensen–Shannon, PSI; {@link DistanceCalibration}: how often a distance that large comes
 * by chance between samples of the reference's and the window's sizes) are adjusted together by the
 * spec's {@code correction} ({@link MultipleTesting}). A p-value test's feature drifts when its adjusted
 * p-value is below its threshold; a distance's when its adjusted p-value is below {@code drift.pValue}
 * and the distance is at least its threshold, so {@code distanceThreshold} keeps its meaning (how large
 * a change matters) while the false-positive rate is the one chosen. The window drifts when the weighted share of drifted features
 * (sum of the drifted features' {@code driftWeight} over the sum of all tested features' weights)
 * reaches {@code shareThreshold} and the window's own p-value (Simes' combination of the features'
 * p-values, {@link #windowPValue}) is below {@code alarmRate}, so that a spec of a few features, where
 * one flagged feature makes the share, does not alarm more often than that rate. A feature that cannot be tested (absent from the profile, or fewer
 * than two numbers on a side) is left out of the share and of the correction.
 *
 * <p>A reference profile does not change while it is the champion's, so the distribution of each of its
 * numeric samples is built once (sorted, with its standard deviation and quantile bins kept by the
 * {@link Distribution}) and reused for every window: it is held weakly by the sample array, and goes
 * when the profile does. Likewise the test of each feature is chosen once per (spec, profile), the
 * last pair kept per model. Thread-safe.
 */
public final class WindowEvaluator {

    private final DriftTests tests;
    private final DistanceCalibration calibration;
    /** Distribution of each reference sample seen, by the sample array's identity (arrays hash by identity). */
    private final Map<double[], Distribution> references = Collections.synchronizedMap(new WeakHashMap<>());
    /** The plan of each model's last (spec, profile), replaced when either changes. */
    private final Map<String, Plan> plans = new ConcurrentHashMap<>();

    /**
     * What evaluating a window of {@code spec} against {@code profile} needs that does not depend on
     * the window: the spec's testable features in order, each with its test and reference.
     */
    private record Plan(ModelSpec spec, ReferenceProfile profile, List<Step> steps) {
    }

    /**
     * One feature of a plan: its test (or why its test cannot compare it, thrown when it is used, as
     * {@link TestChoice#of} throws) and its reference — a numeric sample's distribution or the counts.
     */
    private record Step(FeatureSpec feature, TestChoice choice, IllegalArgumentException misfit,
                        Distribution numericReference, Map<String, Long> categoricalReference, long referenceSize,
                        double[] histogramEdges) {

        static Step of(FeatureSpec f, DriftSpec drift, Distribution numeric, Map<String, Long> categorical,
                       long referenceSize) {
            double[] edges = numeric == null ? null : Histograms.quantileEdges(numeric);
            try {
                return new Step(f, TestChoice.of(f, drift, referenceSize), null, numeric, categorical, referenceSize,
                        edges);
            } catch (IllegalArgumentException e) {
                return new Step(f, null, e, numeric, categorical, referenceSize, edges);
            }
        }

        TestChoice test() {
            if (misfit != null) {
                throw new IllegalArgumentException(misfit.getMessage(), misfit);
            }
            return choice;
        }
    }

    public WindowEvaluator(DriftTests tests) {
        this.tests = tests;
        this.calibration = new DistanceCalibration(tests);
    }

    public DriftStats evaluate(Window window, ModelSpec spec, ReferenceProfile profile, int championVersion,
                               Instant computedAt) {
        DriftSpec drift = spec.drift();
        List<FeatureDrift> tested = new ArrayList<>();
        for (Step step : plan(spec, profile).steps()) {
            FeatureDrift result = step.feature().numeric() ? numeric(step, window) : categorical(step, window);
            if (result != null) {
                tested.add(result);
            }
        }
        double[] raw = pValues(tested);
        double[] adjusted = MultipleTesting.adjust(raw, drift.correction());
        List<FeatureDrift> features = new ArrayList<>(tested.size());
        int next = 0;
        for (FeatureDrift f : tested) {
            if (f.pValue() == null) {
                features.add(f);
                continue;
            }
            double q = adjusted[next++];
            boolean drifted = pValueTest(f) ? q < f.threshold()
                    : q < drift.pValue() && f.statistic() >= f.threshold();
            features.add(new FeatureDrift(f.feature(), f.test(), f.statistic(), f.pValue(), f.threshold(), drifted,
                    f.referenceSize(), f.sampleSize(), q, f.kind(), f.weight(), f.histogram()));
        }
        double totalWeight = features.stream().mapToDouble(FeatureDrift::weight).sum();
        double driftedWeight = features.stream().filter(FeatureDrift::drifted).mapToDouble(FeatureDrift::weight).sum();
        double share = totalWeight > 0 ? driftedWeight / totalWeight : 0;
        Double windowP = windowPValue(drift.correction() == Correction.BENJAMINI_HOCHBERG ? adjusted
                : MultipleTesting.adjust(raw, Correction.BENJAMINI_HOCHBERG));
        boolean drifted = totalWeight > 0 && share >= drift.shareThreshold()
                && (windowP == null || drift.alarmRate() >= 1 || windowP < drift.alarmRate());
        return new DriftStats(statsId(window), window.model(), championVersion, window.start(), window.end(),
                window.size(), List.copyOf(features), share, drift.shareThreshold(), drifted, computedAt,
                correctionName(drift.correction()), null, null, null, windowP, drift.alarmRate());
    }

    /**
     * The window's own p-value, of the hypothesis that none of its features changed: Simes' test, the
     * smallest Benjamini–Hochberg q-value of the features' (raw or calibrated) p-values, whatever
     * correction decides the features. It is valid for independent or positively dependent features,
     * so holding it below {@code drift.alarmRate} bounds the share of windows of an unchanged stream
     * judged drifted by that rate, even when one feature of three is enough for the share. Null when
     * no feature has a p-value.
     */
    static Double windowPValue(List<FeatureDrift> tested) {
        return windowPValue(MultipleTesting.adjust(pValues(tested), Correction.BENJAMINI_HOCHBERG));
    }

    /** The smallest of the Benjamini–Hochberg {@code qValues}; null when there are none. */
    private static Double windowPValue(double[] qValues) {
        return qValues.length == 0 ? null : java.util.Arrays.stream(qValues).min().orElseThrow();
    }

    /** The p-values of the features that have one, in order. */
    private static double[] pValues(List<FeatureDrift> features) {
        return features.stream().filter(f -> f.pValue() != null).mapToDouble(FeatureDrift::pValue).toArray();
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

    /**
     * Drift of the served scores: the window's {@code scores} against {@code baseline}, the scores of
     * the champion's first window in production, by the test the spec chooses for a numeric feature
     * named {@code score}; a p-value is compared with the threshold unadjusted (it is not one of the
     * window's features). Null when either side has fewer than two scores.
     */
    public FeatureDrift prediction(Distribution baseline, Distribution scores, DriftSpec drift) {
        return unadjusted(numeric(SCORE, drift, baseline, scores));
    }

    /**
     * Prior shift: the label counts of a window of labelled examples against the training labels of
     * the champion's profile, by the test the spec chooses for a categorical feature named
     * {@code label} (chi-square up to 1000 training labels, else Jensen–Shannon). Null when the
     * profile has no label counts.
     */
    public DriftStats labels(LabelWindow window, ReferenceProfile profile, DriftSpec drift, int championVersion,
                             Instant computedAt) {
        if (profile.labels() == null || profile.labels().isEmpty()) {
            return null;
        }
        FeatureDrift f = categorical(LABEL, drift, window.counts(), window.size(), profile.labels());
        if (f == null) {
            return null;
        }
        // the labels in their own order ("0", "1"), so the bins keep their place from window to window
        f = unadjusted(f).withHistogram(Histograms.categorical(List.copyOf(new TreeSet<>(profile.labels().keySet())),
                profile.labels(), window.counts()));
        String id = UUID.nameUUIDFromBytes(("label-drift/" + window.model() + "/" + championVersion + "/"
                + window.origin()).getBytes(StandardCharsets.UTF_8)).toString();
        return new DriftStats(id, window.model(), championVersion, window.start(), window.end(), window.size(),
                List.of(f), f.drifted() ? 1 : 0, 1, f.drifted(), computedAt, null, null, DriftStats.LABELS);
    }

    /** A p-value test's result decided on its raw p-value (it is not one of a window's features); others as they are. */
    private static FeatureDrift unadjusted(FeatureDrift f) {
        if (f == null || !pValueTest(f)) {
            return f;
        }
        return new FeatureDrift(f.feature(), f.test(), f.statistic(), f.pValue(), f.threshold(),
                f.pValue() < f.threshold(), f.referenceSize(), f.sampleSize(), f.pValue(), f.kind(), f.weight(),
                f.histogram());
    }

    private static final FeatureSpec SCORE = new FeatureSpec("score", FeatureType.NUMERIC, List.of());
    private static final FeatureSpec LABEL = new FeatureSpec("label", FeatureType.CATEGORICAL, List.of());

    /** The plan of (spec, profile): the one kept for the model when both are the same objects, else a new one. */
    private Plan plan(ModelSpec spec, ReferenceProfile profile) {
        Plan plan = plans.get(spec.name());
        if (plan == null || plan.spec() != spec || plan.profile() != profile) {
            plan = new Plan(spec, profile, steps(spec, profile));
            plans.put(spec.name(), plan);
        }
        return plan;
    }

    /** The features that can be tested against the profile (a numeric sample of at least two values, some counts). */
    private List<Step> steps(ModelSpec spec, ReferenceProfile profile) {
        DriftSpec drift = spec.drift();
        List<Step> steps = new ArrayList<>();
        for (FeatureSpec f : spec.features()) {
            if (f.numeric()) {
                NumericProfile reference = profile.numeric().get(f.name());
                if (reference != null && reference.sample() != null && reference.sample().length >= 2) {
                    Distribution ref = reference(reference.sample());
                    steps.add(Step.of(f, drift, ref, null, ref.n()));
                }
            } else {
                Map<String, Long> reference = profile.categorical().get(f.name());
                if (reference != null && !reference.isEmpty()) {
                    long referenceSize = reference.values().stream().mapToLong(c -> Math.max(0, c)).sum();
                    steps.add(Step.of(f, drift, null, reference, referenceSize));
                }
            }
        }
        return List.copyOf(steps);
    }

    private FeatureDrift numeric(Step step, Window window) {
        Distribution current = window.numericDistribution(step.feature().name());
        if (step.numericReference().n() < 2 || current.n() < 2) {
            return null;
        }
        FeatureDrift f = numeric(step.feature(), step.test(), step.numericReference(), current)
                .withHistogram(Histograms.numeric(step.numericReference(), step.histogramEdges(), window,
                        step.feature().name()));
        if (f.pValue() != null) {
            return f;
        }
        return calibrated(f, calibration.pValue(step.test().test(), step.numericReference(), current.n(),
                f.statistic()));
    }

    /** A distance's result with its calibrated p-value, decided once the window's p-values are adjusted. */
    private static FeatureDrift calibrated(FeatureDrift f, double p) {
        return new FeatureDrift(f.feature(), f.test(), f.statistic(), p, f.threshold(), false, f.referenceSize(),
                f.sampleSize(), null, f.kind(), f.weight(), f.histogram());
    }

    /** The distribution of a reference sample, built on first use; the sample must not change afterwards. */
    private Distribution reference(double[] sample) {
        Distribution d = references.get(sample);
        if (d == null) {
            // built outside the lock; two threads racing build equal distributions
            d = Distribution.of(sample);
            references.put(sample, d);
        }
        return d;
    }

    private FeatureDrift numeric(FeatureSpec f, DriftSpec drift, Distribution ref, Distribution current) {
        if (ref.n() < 2 || current.n() < 2) {
            return null;
        }
        return numeric(f, TestChoice.of(f, drift, ref.n()), ref, current);
    }

    private FeatureDrift numeric(FeatureSpec f, TestChoice choice, Distribution ref, Distribution current) {
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

    private FeatureDrift categorical(Step step, Window window) {
        Map<String, Long> counts = window.categorical(step.feature().name());
        FeatureDrift f = categorical(step.feature(), step.test(), counts, window.size(), step.categoricalReference(),
                step.referenceSize());
        if (f == null) {
            return null;
        }
        f = f.withHistogram(Histograms.categorical(step.feature().values(), step.categoricalReference(), counts));
        if (f.pValue() != null) {
            return f;
        }
        long sampleSize = counts.values().stream().mapToLong(Long::longValue).sum();
        return calibrated(f, calibration.pValue(step.test().test(), step.categoricalReference(), step.referenceSize(),
                sampleSize, f.statistic()));
    }

    private FeatureDrift categorical(FeatureSpec f, DriftSpec drift, Map<String, Long> counts, int windowSize,
                                     Map<String, Long> reference) {
        if (reference == null || reference.isEmpty()) {
            return null;
        }
        long referenceSize = reference.values().stream().mapToLong(c -> Math.max(0, c)).sum();
        return categorical(f, TestChoice.of(f, drift, referenceSize), counts, windowSize, reference, referenceSize);
    }

    private FeatureDrift categorical(FeatureSpec f, TestChoice choice, Map<String, Long> counts, int windowSize,
                                     Map<String, Long> reference, long referenceSize) {
        long sampleSize = counts.values().stream().mapToLong(Long::longValue).sum();
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
        return result(f, choice, statistic, p, referenceSize, windowSize);
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
