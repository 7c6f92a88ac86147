package io.driftloop.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.dataset.DatasetCodec;
import io.driftloop.contracts.dataset.NumericProfile;
import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.spec.FeatureSpec;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WideTrafficTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void specHasTwentyNumericAndFiveCategoricalFeaturesAndTheGivenWindow() {
        ModelSpec spec = ModelSpecs.parse(WideTraffic.spec(250));

        assertThat(spec.features().stream().filter(FeatureSpec::numeric)).hasSize(20);
        assertThat(spec.features().stream().filter(f -> !f.numeric())).hasSize(5);
        assertThat(spec.drift().windowSize()).isEqualTo(250);
        assertThat(spec.name()).isEqualTo(WideTraffic.MODEL);
    }

    @Test
    void everyEventIsValidAndCarriesExactlyTheSpecsFeatures() {
        ModelSpec spec = ModelSpecs.parse(WideTraffic.spec(500));
        List<String> names = spec.features().stream().map(FeatureSpec::name).toList();
        WideTraffic traffic = new WideTraffic(3);
        for (int i = 0; i < 200; i++) {
            InferenceEvent e = traffic.event(i, i >= 100, NOW).validate();
            assertThat(e.features().keySet()).containsExactlyElementsOf(names);
            assertThat(e.requestId()).isEqualTo("bench-" + i);
            spec.features().stream().filter(f -> !f.numeric())
                    .forEach(f -> assertThat(f.values()).contains((String) e.features().get(f.name())));
        }
    }

    @Test
    void sameSeedGivesTheSameEvents() {
        WideTraffic a = new WideTraffic(5);
        WideTraffic b = new WideTraffic(5);
        for (int i = 0; i < 50; i++) {
            assertThat(a.event(i, i % 2 == 0, NOW)).isEqualTo(b.event(i, i % 2 == 0, NOW));
        }
    }

    @Test
    void shiftMovesTheFirstSixNumericFeaturesAndLeavesTheOthers() {
        double[] before = means(new WideTraffic(1), false);
        double[] after = means(new WideTraffic(1), true);
        for (int i = 0; i < WideTraffic.NUMERIC; i++) {
            double relative = Math.abs(after[i] - before[i]) / Math.abs(before[i]);
            if (i < WideTraffic.DRIFTED_NUMERIC) {
                assertThat(relative).as("feature %d", i).isGreaterThan(0.08);
            } else {
                assertThat(relative).as("feature %d", i).isLessThan(0.03);
            }
        }
    }

    @Test
    void shiftReversesTheFrequenciesOfTheFirstTwoCategoricalFeatures() {
        WideTraffic before = new WideTraffic(2);
        WideTraffic after = new WideTraffic(2);
        int firstBefore = 0;
        int firstAfter = 0;
        for (int i = 0; i < 4000; i++) {
            firstBefore += "a".equals(before.features(false).get("c0")) ? 1 : 0;
            firstAfter += "a".equals(after.features(true).get("c0")) ? 1 : 0;
        }
        // weights 1, 1/2, 1/3: "a" is drawn 6/11 of the time before the shift and 2/11 after
        assertThat(firstBefore / 4000.0).isBetween(0.50, 0.59);
        assertThat(firstAfter / 4000.0).isBetween(0.15, 0.22);
    }

    @Test
    void profileHoldsASortedSampleOfEveryNumericFeatureAndCountsOfEveryCategoricalOne() {
        ReferenceProfile profile = WideTraffic.profile(9, 3000, 500);

        assertThat(profile.numeric()).hasSize(20);
        assertThat(profile.categorical()).hasSize(5);
        profile.numeric().values().forEach(p -> {
            assertThat(p.count()).isEqualTo(3000);
            assertThat(p.sample()).hasSize(500).isSorted();
        });
        profile.categorical().values().forEach(c -> assertThat(c.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(3000));
        ReferenceProfile decoded = DatasetCodec.decodeProfile(DatasetCodec.encode(profile));
        assertThat(decoded.numeric().get("n00").sample()).containsExactly(profile.numeric().get("n00").sample());
    }

    @Test
    void numericProfileSampleSpansTheSortedValuesEvenly() {
        NumericProfile p = WideTraffic.numericProfile(new double[] {5, 1, 4, 2, 3}, 3);

        assertThat(p.sample()).containsExactly(1, 3, 5);
        assertThat(p.mean()).isEqualTo(3);
        assertThat(p.std()).isCloseTo(Math.sqrt(2.5), org.assertj.core.data.Offset.offset(1e-12));
    }

    private static double[] means(WideTraffic traffic, boolean shifted) {
        double[] sums = new double[WideTraffic.NUMERIC];
        int n = 20_000;
        for (int r = 0; r < n; r++) {
            var row = traffic.features(shifted);
            for (int i = 0; i < WideTraffic.NUMERIC; i++) {
                sums[i] += ((Number) row.get(WideTraffic.numericName(i))).doubleValue() / n;
            }
        }
        return sums;
    }
}
