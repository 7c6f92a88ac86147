package io.driftloop.driftdetector.domain.concept;

import static io.driftloop.driftdetector.domain.concept.ErrorStreams.abrupt;
import static io.driftloop.driftdetector.domain.concept.ErrorStreams.bernoulli;
import static io.driftloop.driftdetector.domain.concept.ErrorStreams.indices;
import static io.driftloop.driftdetector.domain.concept.ErrorStreams.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdwinTest {

    @Test
    void aStationaryErrorStreamOfAHundredThousandValuesRaisesNoDrift() {
        for (long seed = 1; seed <= 3; seed++) {
            Adwin adwin = Adwin.defaults();

            List<Signal> signals = run(adwin, bernoulli(seed, 100_000, 0.2));

            assertThat(indices(signals, Signal.DRIFT)).as("seed %d", seed).isEmpty();
            assertThat(adwin.width()).as("nothing was dropped").isEqualTo(100_000);
        }
    }

    @Test
    void anAbruptRiseOfTheErrorRateIsSignalledWithinAFewHundredValues() {
        Adwin adwin = Adwin.defaults();

        List<Integer> drifts = indices(run(adwin, abrupt(7, 5_000, 0.1, 2_000, 0.5)), Signal.DRIFT);

        assertThat(drifts).isNotEmpty();
        assertThat(drifts.get(0)).isBetween(5_000, 5_300);
    }

    @Test
    void driftsAreOnlySignalledOnTheClock() {
        List<Integer> drifts = indices(run(Adwin.defaults(), abrupt(7, 5_000, 0.1, 5_000, 0.6)), Signal.DRIFT);

        assertThat(drifts).isNotEmpty().allSatisfy(i -> assertThat((i + 1) % Adwin.DEFAULT_CLOCK).isZero());
    }

    @Test
    void afterADriftTheWindowHoldsMostlyTheNewConcept() {
        Adwin adwin = Adwin.defaults();
        double[] errors = abrupt(11, 20_000, 0.1, 2_000, 0.5);

        List<Integer> drifts = indices(run(adwin, errors), Signal.DRIFT);

        assertThat(drifts).isNotEmpty();
        assertThat(adwin.width()).isLessThan(4_000);
        assertThat(adwin.estimate().orElseThrow()).isCloseTo(0.5, within(0.06));
    }

    @Test
    void theEstimatesOfADriftAreTheDroppedAndTheRemainingMeans() {
        Adwin adwin = Adwin.defaults();
        double[] errors = abrupt(3, 10_000, 0.1, 3_000, 0.6);
        int first = indices(run(Adwin.defaults(), errors), Signal.DRIFT).get(0);

        for (int i = 0; i <= first; i++) {
            adwin.update(errors[i]);
        }

        assertThat(adwin.meanBeforeLastDrift().orElseThrow()).isCloseTo(0.1, within(0.03));
        assertThat(adwin.meanAfterLastDrift().orElseThrow()).isGreaterThan(0.2);
        assertThat(adwin.meanAfterLastDrift().orElseThrow()).isEqualTo(adwin.estimate().orElseThrow());
    }

    @Test
    void aFallOfTheErrorRateShrinksTheWindowWithoutASignal() {
        Adwin adwin = Adwin.defaults();

        List<Signal> signals = run(adwin, abrupt(5, 10_000, 0.5, 5_000, 0.1));

        assertThat(indices(signals, Signal.DRIFT)).isEmpty();
        assertThat(adwin.cuts()).isPositive();
        assertThat(adwin.detections()).isZero();
        assertThat(adwin.width()).isLessThan(15_000);
        assertThat(adwin.estimate().orElseThrow()).isCloseTo(0.1, within(0.05));
    }

    @Test
    void noEstimatesBeforeTheFirstValueOrDrift() {
        Adwin adwin = Adwin.defaults();

        assertThat(adwin.estimate()).isEmpty();
        assertThat(adwin.meanBeforeLastDrift()).isEmpty();
        assertThat(adwin.meanAfterLastDrift()).isEmpty();
        assertThat(adwin.update(1)).isEqualTo(Signal.NONE);
        assertThat(adwin.estimate().orElseThrow()).isEqualTo(1.0);
    }

    @Test
    void theHistogramGrowsLogarithmicallyWithTheWindow() {
        Adwin adwin = Adwin.defaults();

        run(adwin, bernoulli(1, 100_000, 0.3));

        Adwin.State state = adwin.snapshot().adwin();
        assertThat(state.bucketTotals().length).isLessThanOrEqualTo(17);
        int buckets = 0;
        for (double[] row : state.bucketTotals()) {
            assertThat(row.length).isLessThanOrEqualTo(Adwin.DEFAULT_MAX_BUCKETS);
            buckets += row.length;
        }
        assertThat(buckets).isLessThanOrEqualTo(17 * Adwin.DEFAULT_MAX_BUCKETS);
        assertThat(state.total()).isEqualTo(adwin.estimate().orElseThrow() * 100_000, within(1e-6));
    }

    @Test
    void theWindowVarianceMatchesTheVarianceOfTheValues() {
        Adwin adwin = Adwin.defaults();
        double[] errors = bernoulli(9, 5_000, 0.3);

        run(adwin, errors);

        double mean = 0;
        for (double e : errors) {
            mean += e / errors.length;
        }
        double squares = 0;
        for (double e : errors) {
            squares += (e - mean) * (e - mean);
        }
        assertThat(adwin.snapshot().adwin().variance()).isCloseTo(squares, within(1e-6));
    }

    @Test
    void resetForgetsTheWindowButKeepsTheParameters() {
        Adwin adwin = new Adwin(0.01, 16, 4, 5, 10);
        run(adwin, bernoulli(1, 1_000, 0.3));

        adwin.reset();

        assertThat(adwin.seen()).isZero();
        assertThat(adwin.width()).isZero();
        assertThat(adwin.estimate()).isEmpty();
        Adwin.State state = adwin.snapshot().adwin();
        assertThat(state.delta()).isEqualTo(0.01);
        assertThat(state.clock()).isEqualTo(16);
        assertThat(state.maxBuckets()).isEqualTo(4);
    }

    @Test
    void theDefaultsAreThoseOfMoaAndRiver() {
        Adwin.State s = Adwin.defaults().snapshot().adwin();

        assertThat(s.delta()).isEqualTo(0.002);
        assertThat(s.clock()).isEqualTo(32);
        assertThat(s.maxBuckets()).isEqualTo(5);
        assertThat(s.minWindowLength()).isEqualTo(5);
        assertThat(s.gracePeriod()).isEqualTo(10);
    }

    @Test
    void aSmallerDeltaDetectsNoEarlier() {
        double[] errors = abrupt(21, 5_000, 0.1, 3_000, 0.3);

        int loose = indices(run(new Adwin(0.1, 32, 5, 5, 10), errors), Signal.DRIFT).get(0);
        int strict = indices(run(new Adwin(0.0001, 32, 5, 5, 10), errors), Signal.DRIFT).get(0);

        assertThat(strict).isGreaterThanOrEqualTo(loose);
    }

    @Test
    void invalidParametersAreRejectedWithTheirName() {
        assertThatThrownBy(() -> new Adwin(0, 32, 5, 5, 10)).hasMessage("ADWIN delta must be in (0, 1), got 0.0");
        assertThatThrownBy(() -> new Adwin(1, 32, 5, 5, 10)).hasMessage("ADWIN delta must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> new Adwin(Double.NaN, 32, 5, 5, 10)).hasMessageContaining("delta");
        assertThatThrownBy(() -> new Adwin(0.002, 0, 5, 5, 10))
                .hasMessage("ADWIN clock must be at least 1 value, got 0");
        assertThatThrownBy(() -> new Adwin(0.002, 32, 1, 5, 10))
                .hasMessage("ADWIN maxBuckets must be at least 2 per row, got 1");
        assertThatThrownBy(() -> new Adwin(0.002, 32, 5, 0, 10))
                .hasMessage("ADWIN minWindowLength must be at least 1 value, got 0");
        assertThatThrownBy(() -> new Adwin(0.002, 32, 5, 5, -1))
                .hasMessage("ADWIN gracePeriod must not be negative, got -1");
    }

    @Test
    void aValueThatIsNotFiniteIsRejected() {
        Adwin adwin = Adwin.defaults();

        assertThatThrownBy(() -> adwin.update(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> adwin.update(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThat(adwin.seen()).isZero();
    }

    @Test
    void aSnapshotWhoseBucketsDoNotAddUpToItsWidthIsRejected() {
        Adwin adwin = Adwin.defaults();
        run(adwin, bernoulli(1, 100, 0.3));
        Adwin.State s = adwin.snapshot().adwin();
        Adwin.State wrong = new Adwin.State(s.delta(), s.clock(), s.maxBuckets(), s.minWindowLength(), s.gracePeriod(),
                s.seen(), s.width() + 1, s.total(), s.variance(), s.bucketTotals(), s.bucketVariances(), s.cuts(),
                s.detections(), s.droppedMean(), s.windowMean());

        assertThatThrownBy(() -> ConceptDriftDetector.restore(DetectorSnapshot.of(wrong)))
                .hasMessage("ADWIN snapshot width 101 does not match its buckets (100 values)");
    }
}
