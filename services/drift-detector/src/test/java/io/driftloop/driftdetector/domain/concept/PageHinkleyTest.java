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

class PageHinkleyTest {

    @Test
    void aStationaryErrorStreamOfAHundredThousandValuesRaisesNoDrift() {
        for (long seed = 1; seed <= 3; seed++) {
            List<Signal> signals = run(PageHinkley.defaults(), bernoulli(seed, 100_000, 0.2));

            assertThat(indices(signals, Signal.DRIFT)).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void anAbruptRiseOfTheErrorRateIsSignalledWithinAFewHundredValues() {
        List<Integer> drifts = indices(run(PageHinkley.defaults(), abrupt(7, 20_000, 0.1, 2_000, 0.5)), Signal.DRIFT);

        assertThat(drifts).isNotEmpty();
        assertThat(drifts.get(0)).isBetween(20_000, 20_500);
    }

    @Test
    void aFallOfTheErrorRateIsNotADrift() {
        assertThat(indices(run(PageHinkley.defaults(), abrupt(5, 10_000, 0.5, 10_000, 0.1)), Signal.DRIFT)).isEmpty();
    }

    @Test
    void theTestStartsAfreshAfterADrift() {
        PageHinkley ph = PageHinkley.defaults();
        double[] errors = abrupt(7, 20_000, 0.1, 2_000, 0.5);
        int first = indices(run(PageHinkley.defaults(), errors), Signal.DRIFT).get(0);

        for (int i = 0; i <= first; i++) {
            ph.update(errors[i]);
        }

        assertThat(ph.seen()).isZero();
        assertThat(ph.estimate()).isEmpty();
        assertThat(ph.meanBeforeLastDrift().orElseThrow()).isCloseTo(0.1, within(0.02));
        assertThat(ph.meanAfterLastDrift().orElseThrow()).isGreaterThan(0.3);
    }

    @Test
    void nothingIsSignalledBeforeMinInstancesLessOneValues() {
        // with a threshold of 1 the deviation exceeds it from the 7th value on; the test starts at the 29th
        List<Integer> drifts = indices(run(new PageHinkley(30, 0.005, 1, 1), abrupt(1, 5, 0.0, 40, 1.0)), Signal.DRIFT);

        assertThat(drifts).isNotEmpty();
        assertThat(drifts.get(0)).isEqualTo(28);
    }

    @Test
    void theDefaultsAreThoseOfMoa() {
        PageHinkley.State s = PageHinkley.defaults().snapshot().pageHinkley();

        assertThat(s.minInstances()).isEqualTo(30);
        assertThat(s.delta()).isEqualTo(0.005);
        assertThat(s.lambda()).isEqualTo(50);
        assertThat(s.alpha()).isEqualTo(1 - 0.0001);
    }

    @Test
    void invalidParametersAreRejectedWithTheirName() {
        assertThatThrownBy(() -> new PageHinkley(0, 0.005, 50, 0.9999))
                .hasMessage("Page-Hinkley minInstances must be at least 1, got 0");
        assertThatThrownBy(() -> new PageHinkley(30, -0.1, 50, 0.9999))
                .hasMessage("Page-Hinkley delta must be in [0, 1], got -0.1");
        assertThatThrownBy(() -> new PageHinkley(30, 0.005, 0, 0.9999))
                .hasMessage("Page-Hinkley lambda must be a positive finite threshold, got 0.0");
        assertThatThrownBy(() -> new PageHinkley(30, 0.005, Double.POSITIVE_INFINITY, 0.9999))
                .hasMessageContaining("lambda");
        assertThatThrownBy(() -> new PageHinkley(30, 0.005, 50, 0))
                .hasMessage("Page-Hinkley alpha must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> new PageHinkley(30, 0.005, 50, 1.5)).hasMessageContaining("alpha");
    }

    @Test
    void aValueThatIsNotFiniteIsRejected() {
        assertThatThrownBy(() -> PageHinkley.defaults().update(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
    }
}
