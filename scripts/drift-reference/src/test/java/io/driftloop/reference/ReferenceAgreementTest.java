package io.driftloop.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.driftdetector.domain.concept.ConceptDriftDetector;
import io.driftloop.driftdetector.domain.concept.DetectorKind;
import io.driftloop.driftdetector.domain.concept.Signal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import moa.classifiers.core.driftdetection.AbstractChangeDetector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The drift-detector's detectors against MOA's ({@code ADWINChangeDetector}, {@code PageHinkleyDM},
 * {@code DDM} of MOA 2024.07.0, default options) on the same inputs: the indices of every drift,
 * and for DDM of every warning, must be the same.
 *
 * <p>The agreement is exact because both follow the same arithmetic step by step; two details
 * where a difference would be possible do not arise on these inputs: MOA's DDM starts its error
 * rate at 1 rather than 0 (identical after the first value for inputs 0 and 1, which is all DDM
 * accepts meaningfully), and MOA's ADWIN multiplies bucket sizes as {@code int}, which overflows
 * only for windows of hundreds of millions of values.
 */
class ReferenceAgreementTest {

    static final int SEEDS = 5;
    static final Map<String, double[]> STREAMS = new LinkedHashMap<>();

    @BeforeAll
    static void streams() {
        for (int seed = 1; seed <= SEEDS; seed++) {
            Random r = new Random(seed);
            STREAMS.put("stationary 0.05, seed " + seed, bernoulli(r, 100_000, i -> 0.05));
            STREAMS.put("stationary 0.3, seed " + seed, bernoulli(r, 100_000, i -> 0.3));
            STREAMS.put("abrupt 0.1>0.4>0.2>0.5, seed " + seed,
                    bernoulli(r, 80_000, i -> i < 20_000 ? 0.1 : i < 40_000 ? 0.4 : i < 60_000 ? 0.2 : 0.5));
            STREAMS.put("abrupt low 0.01>0.05, seed " + seed, bernoulli(r, 60_000, i -> i < 30_000 ? 0.01 : 0.05));
            STREAMS.put("gradual 0.1..0.5 over 20000, seed " + seed,
                    bernoulli(r, 60_000, i -> 0.1 + 0.4 * Math.min(1, Math.max(0, (i - 20_000) / 20_000.0))));
            STREAMS.put("gradual 0.3..0.05 then abrupt 0.4, seed " + seed, bernoulli(r, 60_000,
                    i -> i < 40_000 ? 0.3 - 0.25 * Math.min(1, i / 30_000.0) : 0.4));
        }
        for (ConceptStreams.Family family : ConceptStreams.Family.values()) {
            STREAMS.put("Naive Bayes errors on " + family.label(),
                    ConceptStreams.prequentialErrors(new ConceptStreams.Switching(family, 3, 20_000, 1)));
        }
    }

    static double[] bernoulli(Random random, int n, IntToDoubleFunction rate) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextDouble() < rate.applyAsDouble(i) ? 1 : 0;
        }
        return values;
    }

    record Signals(List<Integer> drifts, List<Integer> warnings) {
    }

    static Signals ours(DetectorKind kind, double[] values) {
        ConceptDriftDetector detector = kind.withDefaults();
        Signals s = new Signals(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < values.length; i++) {
            Signal signal = detector.update(values[i]);
            if (signal == Signal.DRIFT) {
                s.drifts().add(i);
            } else if (signal == Signal.WARNING) {
                s.warnings().add(i);
            }
        }
        return s;
    }

    static Signals moa(DetectorKind kind, double[] values) {
        AbstractChangeDetector detector = MoaDetectors.of(kind);
        Signals s = new Signals(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < values.length; i++) {
            detector.input(values[i]);
            if (detector.getChange()) {
                s.drifts().add(i);
            } else if (detector.getWarningZone()) {
                s.warnings().add(i);
            }
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(DetectorKind.class)
    void everyDriftAndWarningIsSignalledAtTheSameIndexAsByMoa(DetectorKind kind) {
        int drifts = 0;
        int warnings = 0;
        for (Map.Entry<String, double[]> stream : STREAMS.entrySet()) {
            Signals expected = moa(kind, stream.getValue());
            Signals actual = ours(kind, stream.getValue());

            assertThat(actual.drifts()).as("%s drifts on %s", kind, stream.getKey()).isEqualTo(expected.drifts());
            assertThat(actual.warnings()).as("%s warnings on %s", kind, stream.getKey()).isEqualTo(expected.warnings());
            drifts += expected.drifts().size();
            warnings += expected.warnings().size();
        }
        assertThat(drifts).as("the streams must make %s signal drifts", kind).isGreaterThan(3 * SEEDS);
        if (kind == DetectorKind.DDM) {
            assertThat(warnings).as("the streams must make DDM warn").isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DetectorKind.class, names = {"ADWIN", "PAGE_HINKLEY"})
    void realValuedStreamsGiveTheSameDriftsAsMoa(DetectorKind kind) {
        // ADWIN and Page-Hinkley take any real value, not only errors
        int drifts = 0;
        for (int seed = 1; seed <= SEEDS; seed++) {
            Random r = new Random(seed);
            double[] values = new double[60_000];
            for (int i = 0; i < values.length; i++) {
                double mean = i < 20_000 ? 0.2 : i < 40_000 ? 0.5 : 0.35;
                values[i] = mean + 0.15 * r.nextGaussian();
            }
            List<Integer> expected = moa(kind, values).drifts();

            assertThat(ours(kind, values).drifts()).as("%s seed %d", kind, seed).isEqualTo(expected);
            drifts += expected.size();
        }
        assertThat(drifts).as("at least the rise of each seed").isGreaterThanOrEqualTo(SEEDS);
    }
}
