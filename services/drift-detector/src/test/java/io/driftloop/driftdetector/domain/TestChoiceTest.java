package io.driftloop.driftdetector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftloop.contracts.spec.DriftSpec;
import io.driftloop.contracts.spec.DriftTest;
import io.driftloop.contracts.spec.FeatureSpec;
import io.driftloop.contracts.spec.FeatureType;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestChoiceTest {

    static final FeatureSpec AGE = new FeatureSpec("age", FeatureType.NUMERIC, null);
    static final FeatureSpec REGION = new FeatureSpec("region", FeatureType.CATEGORICAL, List.of("n", "s"));
    static final DriftSpec DEFAULTS = ModelSpecs.parse("""
            name: m
            task: binary-classification
            features: [{name: age, type: numeric}]
            """).drift();

    static ModelSpec spec(String features, String drift) {
        return ModelSpecs.parse("""
                name: m
                task: binary-classification
                features: %s
                drift: {%s}
                """.formatted(features, drift));
    }

    @Test
    void autoComparesAReferenceOfAtMostAThousandValuesByKsOrChiSquareAtThePValue() {
        assertThat(TestChoice.of(AGE, DEFAULTS, 1000)).isEqualTo(new TestChoice(DriftTest.KS, 0.05));
        assertThat(TestChoice.of(REGION, DEFAULTS, 1000)).isEqualTo(new TestChoice(DriftTest.CHI_SQUARE, 0.05));
        assertThat(TestChoice.of(AGE, DEFAULTS, 2)).isEqualTo(new TestChoice(DriftTest.KS, 0.05));
    }

    @Test
    void autoComparesALargerReferenceByWassersteinOrJensenShannonAtTheDistanceThreshold() {
        assertThat(TestChoice.of(AGE, DEFAULTS, 1001)).isEqualTo(new TestChoice(DriftTest.WASSERSTEIN, 0.1));
        assertThat(TestChoice.of(REGION, DEFAULTS, 1001)).isEqualTo(new TestChoice(DriftTest.JENSEN_SHANNON, 0.1));
    }

    @Test
    void theDriftSectionChoosesTheTestOfEachTypeWhateverTheSize() {
        ModelSpec spec = spec("[{name: age, type: numeric}, {name: region, type: categorical, values: [n, s]}]",
                "numericTest: psi, categoricalTest: chi-square, distanceThreshold: 0.25, pValue: 0.01");
        DriftSpec drift = spec.drift();

        for (long size : new long[] {10, 1000, 100_000}) {
            assertThat(TestChoice.of(spec.features().get(0), drift, size)).isEqualTo(new TestChoice(DriftTest.PSI, 0.25));
            assertThat(TestChoice.of(spec.features().get(1), drift, size))
                    .isEqualTo(new TestChoice(DriftTest.CHI_SQUARE, 0.01));
        }
    }

    @Test
    void aFeaturesOwnTestAndThresholdOverrideTheDriftSection() {
        ModelSpec spec = spec("[{name: age, type: numeric, driftTest: ks, driftThreshold: 0.001},"
                + " {name: income, type: numeric, driftTest: jensenshannon},"
                + " {name: region, type: categorical, values: [n, s], driftTest: psi, driftThreshold: 0.2}]",
                "numericTest: wasserstein, distanceThreshold: 0.3");
        DriftSpec drift = spec.drift();

        assertThat(TestChoice.of(spec.features().get(0), drift, 5000)).isEqualTo(new TestChoice(DriftTest.KS, 0.001));
        assertThat(TestChoice.of(spec.features().get(1), drift, 5)).isEqualTo(new TestChoice(DriftTest.JENSEN_SHANNON, 0.3));
        assertThat(TestChoice.of(spec.features().get(2), drift, 5)).isEqualTo(new TestChoice(DriftTest.PSI, 0.2));
    }

    @Test
    void aFeatureAutoTestStillFollowsTheSize() {
        FeatureSpec auto = new FeatureSpec("age", FeatureType.NUMERIC, null, DriftTest.AUTO, null, null);
        DriftSpec drift = spec("[{name: age, type: numeric}]", "numericTest: psi").drift();

        assertThat(TestChoice.of(auto, drift, 10).test()).isEqualTo(DriftTest.KS);
        assertThat(TestChoice.of(auto, drift, 10_000).test()).isEqualTo(DriftTest.WASSERSTEIN);
    }

    @Test
    void aTestThatCannotCompareTheFeatureIsRefused() {
        FeatureSpec wrong = new FeatureSpec("region", FeatureType.CATEGORICAL, List.of("n"), DriftTest.KS, null, null);

        assertThatThrownBy(() -> TestChoice.of(wrong, DEFAULTS, 10)).hasMessageContaining("'ks' cannot compare feature 'region'");
    }
}
