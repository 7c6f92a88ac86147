package io.driftloop.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftloop.contracts.spec.Correction;
import io.driftloop.contracts.spec.DriftSpec;
import io.driftloop.contracts.spec.DriftTest;
import io.driftloop.contracts.spec.FairnessGate;
import io.driftloop.contracts.spec.FairnessMetric;
import io.driftloop.contracts.spec.FeatureSpec;
import io.driftloop.contracts.spec.GateBound;
import io.driftloop.contracts.spec.GateKind;
import io.driftloop.contracts.spec.GateSpec;
import io.driftloop.contracts.spec.QualityGate;
import io.driftloop.contracts.spec.QualityMetric;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.contracts.spec.Promotion;
import io.driftloop.contracts.spec.SpecValidationException;
import io.driftloop.contracts.spec.TrainingSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelSpecsTest {

    private static final String MINIMAL = """
            name: churn
            task: binary-classification
            label: churned
            features:
              - {name: tenure, type: numeric}
            """;

    @Test
    void minimalSpecGetsEveryDefault() {
        ModelSpec spec = ModelSpecs.parse(MINIMAL);
        assertThat(spec.drift()).isEqualTo(DriftSpec.DEFAULTS);
        assertThat(spec.training()).isEqualTo(TrainingSpec.DEFAULTS);
        assertThat(spec.promotion()).isEqualTo(Promotion.AUTO);
        assertThat(spec.label()).isEqualTo("churned");
    }

    @Test
    void noHiddenLayerIsAccepted() {
        var spec = ModelSpecs.parse("name: churn\ntask: binary-classification\nfeatures: [{name: a, type: numeric}]\n"
                + "training: {hiddenLayers: []}\n");
        assertThat(spec.training().hiddenLayers()).isEmpty();
    }

    @Test
    void yamlDocumentFromTheDesignParses() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/specs/credit-risk.yaml")) {
            ModelSpec spec = ModelSpecs.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(spec.features()).hasSize(3);
            assertThat(spec.drift().windowSize()).isEqualTo(400);
            assertThat(spec.drift().cooldown()).isEqualTo(Duration.ofMinutes(2));
            assertThat(spec.drift().pValue()).isEqualTo(0.05);
            assertThat(spec.training().hiddenLayers()).containsExactly(16);
            assertThat(spec.training().seed()).isEqualTo(7L);
        }
    }

    @Test
    void triggerFieldsDefaultToOneWindowAnHourInFlightAndNoMaximumAge() {
        DriftSpec drift = ModelSpecs.parse(MINIMAL).drift();
        assertThat(drift.hysteresis()).isEqualTo(1);
        assertThat(drift.inFlightTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(drift.maxModelAge()).isNull();
    }

    @Test
    void triggerFieldsAreReadFromTheSpec() {
        DriftSpec drift = ModelSpecs.parse(MINIMAL + "drift: {hysteresis: 3, inFlightTimeout: PT30M, maxModelAge: P7D}\n")
                .drift();
        assertThat(drift.hysteresis()).isEqualTo(3);
        assertThat(drift.inFlightTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(drift.maxModelAge()).isEqualTo(Duration.ofDays(7));
        assertThat(ModelSpecs.parse(MINIMAL + "drift: {windowDuration: PT15M}\n").drift().windowDuration())
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(drift.cooldown()).isEqualTo(DriftSpec.DEFAULTS.cooldown());
    }

    @Test
    void hashIsStableAndChangesWithContent() {
        String a = ModelSpecs.hash(ModelSpecs.parse(MINIMAL));
        assertThat(ModelSpecs.hash(ModelSpecs.parse(MINIMAL))).isEqualTo(a).startsWith("sha256:");
        assertThat(ModelSpecs.hash(ModelSpecs.parse(MINIMAL + "promotion: manual\n"))).isNotEqualTo(a);
    }

    @Test
    void specRoundTripsThroughJson() {
        ModelSpec spec = ModelSpecs.parse(MINIMAL);
        assertThat(ModelSpecs.parse(Json.encode(spec))).isEqualTo(spec);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad name           | name: Churn!\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]             | name",
        "no task            | name: churn\\nfeatures: [{name: a, type: numeric}]                                          | task",
        "unknown task       | name: churn\\ntask: ranking\\nfeatures: [{name: a, type: numeric}]                          | task",
        "regression not yet | name: churn\\ntask: regression\\nfeatures: [{name: a, type: numeric}]                       | task",
        "no features        | name: churn\\ntask: binary-classification                                                   | features",
        "feature type       | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: text}]               | features[0].type",
        "missing type       | name: churn\\ntask: binary-classification\\nfeatures: [{name: a}]                           | features[0].type",
        "duplicate feature  | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}, {name: a, type: numeric}] | features[1].name",
        "categorical values | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: categorical}]        | features[0].values",
        "label is a feature | name: churn\\ntask: binary-classification\\nlabel: a\\nfeatures: [{name: a, type: numeric}]  | label",
        "unknown field      | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ncolour: red | colour",
        "bad window         | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ndrift: {windowSize: 0} | drift.windowSize",
        "bad share          | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ndrift: {shareThreshold: 3} | drift.shareThreshold",
        "bad cooldown       | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ndrift: {cooldown: soon} | drift.cooldown",
        "zero hysteresis    | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ndrift: {hysteresis: 0} | drift.hysteresis",
        "zero in-flight     | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ndrift: {inFlightTimeout: PT0S} | drift.inFlightTimeout",
        "negative max age   | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ndrift: {maxModelAge: -PT1H} | drift.maxModelAge",
        "bad max age        | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ndrift: {maxModelAge: weekly} | drift.maxModelAge",
        "zero window time   | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ndrift: {windowDuration: PT0S} | drift.windowDuration",
        "unknown test       | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}, {name: b, type: numeric}, {name: c, type: numeric, driftTest: x}] | features[2].driftTest",
        "ks on categorical  | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}, {name: c, type: categorical, values: [u], driftTest: ks}] | features[1].driftTest",
        "chi2 on numeric    | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric, driftTest: chi-square}] | features[0].driftTest",
        "wasserstein on cat | name: churn\\ntask: binary-classification\\nfeatures: [{name: c, type: categorical, values: [u], driftTest: wasserstein}] | features[0].driftTest",
        "threshold on auto  | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric, driftThreshold: 0.2}] | features[0].driftThreshold",
        "p threshold over 1 | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric, driftTest: ks, driftThreshold: 1.5}] | features[0].driftThreshold",
        "zero distance thr. | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric, driftTest: psi, driftThreshold: 0}] | features[0].driftThreshold",
        "negative weight    | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric, driftWeight: -1}] | features[0].driftWeight",
        "numeric chi-square | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ndrift: {numericTest: chi-square} | drift.numericTest",
        "categorical ks     | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ndrift: {categoricalTest: ks} | drift.categoricalTest",
        "unknown drift test | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ndrift: {numericTest: energy} | drift.numericTest",
        "zero distance      | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ndrift: {distanceThreshold: 0} | drift.distanceThreshold",
        "bad correction     | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ndrift: {correction: holm} | drift.correction",
        "bad learning rate  | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ntraining: {learningRate: 2} | training.learningRate",
        "bad layers         | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ntraining: {hiddenLayers: [0]} | training.hiddenLayers",
        "negative l2        | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ntraining: {l2: -0.1} | training.l2",
        "dropout of one     | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ntraining: {dropout: 1} | training.dropout",
        "unknown weights    | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ntraining: {classWeights: balanced} | training.classWeights",
        "zero trials        | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ntraining: {search: {trials: 0}} | training.search.trials",
        "eta of one         | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ntraining: {search: {eta: 1}} | training.search.eta",
        "rung over max      | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ntraining: {maxEpochs: 5, search: {minEpochs: 6}} | training.search.minEpochs",
        "empty rates        | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ntraining: {search: {learningRate: []}} | training.search.learningRate",
        "negative rate      | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ntraining: {search: {learningRate: [0.01, -0.5]}} | training.search.learningRate[1]",
        "empty layers space | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ntraining: {search: {hiddenLayers: []}} | training.search.hiddenLayers",
        "zero width         | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ntraining: {search: {hiddenLayers: [[8], [4, 0]]}} | training.search.hiddenLayers[1]",
        "zero batch         | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ntraining: {search: {batchSize: [0]}} | training.search.batchSize[0]",
        "empty l2 space     | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ntraining: {search: {l2: []}} | training.search.l2",
        "dropout over one   | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ntraining: {search: {dropout: [0, 1.5]}} | training.search.dropout[1]",
        "one fold           | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ntraining: {search: {folds: 1}} | training.search.folds",
        "zero cap           | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ntraining: {search: {maxDuration: PT0S}} | training.search.maxDuration",
        "unknown search key | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ntraining: {search: {budget: 3}} | training.search.budget",
        "splits too large   | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ntraining: {testFraction: 0.5, validationFraction: 0.45} | training.testFraction",
        "bad gate           | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ngates: {minAccuracy: 1.5} | gates.minAccuracy",
        "low confidence     | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ngates: {confidence: 0.3} | gates.confidence",
        "few resamples      | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ngates: {bootstrapResamples: 10} | gates.bootstrapResamples",
        "too many resamples | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ngates: {bootstrapResamples: 100001} | gates.bootstrapResamples",
        "reference, no attr | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\nattributes: [{name: g, sensitive: true}]\\ngates: {fairness: [{metric: disparate-impact-ratio, referenceGroup: f}]} | gates.fairness[0].attributes",
        "reference, 2 attrs | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\nattributes: [{name: g, sensitive: true}, {name: r, sensitive: true}]\\ngates: {fairness: [{metric: disparate-impact-ratio, referenceGroup: f, attributes: [g, r]}]} | gates.fairness[0].attributes",
        "zero slice size    | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ngates: {minSliceSize: 0} | gates.minSliceSize",
        "gate without kind  | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ngates: {quality: [{metric: f1}]} | gates.quality[0]",
        "unknown metric     | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ngates: {quality: [{metric: kappa, kind: minimum, threshold: 0.5}]} | gates.quality[0].metric",
        "minimum, no value  | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ngates: {quality: [{metric: f1, kind: minimum}]} | gates.quality[0].threshold",
        "minimum log loss   | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ngates: {quality: [{metric: logLoss, kind: minimum, threshold: 0.5}]} | gates.quality[0].kind",
        "maximum accuracy   | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ngates: {quality: [{metric: accuracy, kind: maximum, threshold: 0.5}]} | gates.quality[0].kind",
        "no margin          | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ngates: {quality: [{metric: accuracy, kind: non-inferiority}]} | gates.quality[0].margin",
        "negative margin    | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ngates: {quality: [{metric: accuracy, kind: superiority, margin: -0.1}]} | gates.quality[0].margin",
        "negative baseline  | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ngates: {quality: [{metric: accuracy, kind: beats-baseline, margin: -0.1}]} | gates.quality[0].margin",
        "fairness no metric | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ngates: {fairness: [{threshold: 0.1}]} | gates.fairness[0]",
        "ratio over one     | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\ngates: {fairness: [{metric: disparate-impact-ratio, threshold: 1.25}]} | gates.fairness[0].threshold",
        "reference on diff  | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\nattributes: [{name: g, sensitive: true}]\\ngates: {fairness: [{metric: equal-opportunity-difference, referenceGroup: f}]} | gates.fairness[0].referenceGroup",
        "not sensitive      | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\nattributes: [{name: g}]\\ngates: {fairness: [{metric: demographic-parity-difference, attributes: [g]}]} | gates.fairness[0].attributes",
        "bad promotion      | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\npromotion: sometimes | promotion",
        "attribute is input | name: churn\\ntask: binary-classification\\nfeatures: [{name: a, type: numeric}]\\nattributes: [{name: a}] | attributes[0].name",
    })
    void badSpecIsRejectedNamingTheOffendingField(String why, String yaml, String field) {
        assertThatThrownBy(() -> ModelSpecs.parse(yaml.replace("\\n", "\n")))
                .isInstanceOf(SpecValidationException.class)
                .satisfies(e -> assertThat(((SpecValidationException) e).field()).isEqualTo(field))
                .hasMessageContaining(field);
    }

    @Test
    void driftTestsDefaultToAutoWithADistanceThresholdOfOneTenth() {
        ModelSpec spec = ModelSpecs.parse(MINIMAL);
        assertThat(spec.drift().numericTest()).isEqualTo(DriftTest.AUTO);
        assertThat(spec.drift().categoricalTest()).isEqualTo(DriftTest.AUTO);
        assertThat(spec.drift().distanceThreshold()).isEqualTo(0.1);
        FeatureSpec tenure = spec.features().get(0);
        assertThat(tenure.driftTest()).isNull();
        assertThat(tenure.driftTest(spec.drift())).isEqualTo(DriftTest.AUTO);
        assertThat(tenure.driftThreshold()).isNull();
        assertThat(tenure.weight()).isEqualTo(1.0);
    }

    @Test
    void driftTestsThresholdsAndWeightsAreReadFromTheSpec() {
        ModelSpec spec = ModelSpecs.parse("""
                name: churn
                task: binary-classification
                features:
                  - {name: tenure, type: numeric}
                  - {name: spend, type: numeric, driftTest: ks, driftThreshold: 0.01, driftWeight: 2}
                  - {name: plan, type: categorical, values: [a, b], driftTest: chi-square}
                  - {name: region, type: categorical, values: [n, s], driftWeight: 0}
                drift: {numericTest: psi, categoricalTest: jensenshannon, distanceThreshold: 0.2}
                """);
        DriftSpec drift = spec.drift();
        assertThat(drift.numericTest()).isEqualTo(DriftTest.PSI);
        assertThat(drift.categoricalTest()).isEqualTo(DriftTest.JENSEN_SHANNON);
        assertThat(drift.distanceThreshold()).isEqualTo(0.2);
        assertThat(spec.features()).extracting(f -> f.driftTest(drift))
                .containsExactly(DriftTest.PSI, DriftTest.KS, DriftTest.CHI_SQUARE, DriftTest.JENSEN_SHANNON);
        assertThat(spec.features().get(1).driftThreshold()).isEqualTo(0.01);
        assertThat(spec.features()).extracting(FeatureSpec::weight).containsExactly(1.0, 2.0, 1.0, 0.0);
    }

    @Test
    void aThresholdNeedsNoFeatureTestWhenTheDriftSectionNamesOne() {
        ModelSpec spec = ModelSpecs.parse(MINIMAL.replace("type: numeric}", "type: numeric, driftThreshold: 0.3}")
                + "drift: {numericTest: wasserstein}\n");
        assertThat(spec.features().get(0).driftThreshold()).isEqualTo(0.3);
    }

    @Test
    void aWrongTestForTheFeatureTypeSaysWhichTestsFit() {
        assertThatThrownBy(() -> ModelSpecs.parse(MINIMAL.replace("type: numeric}", "type: numeric, driftTest: chi-square}")))
                .hasMessageContaining("features[0].driftTest")
                .hasMessageContaining("'chi-square' cannot compare a numeric feature")
                .hasMessageContaining("[auto, ks, wasserstein, jensenshannon, psi]");
    }

    @Test
    void anUnknownTestIsNamedWithTheTestsThatExist() {
        assertThatThrownBy(() -> ModelSpecs.parse(MINIMAL.replace("type: numeric}", "type: numeric, driftTest: x}")))
                .hasMessageContaining("features[0].driftTest").hasMessageContaining("'x'").hasMessageContaining("psi");
    }

    @Test
    void specsWrittenWithoutTheDriftTestFieldsKeepTheirFeatureJson() {
        ModelSpec spec = ModelSpecs.parse(MINIMAL);
        assertThat(Json.encode(spec.features().get(0))).isEqualTo("{\"name\":\"tenure\",\"type\":\"numeric\",\"values\":[]}");
    }

    @Test
    void correctionDefaultsToBenjaminiHochberg() {
        assertThat(ModelSpecs.parse(MINIMAL).drift().correction()).isEqualTo(Correction.BENJAMINI_HOCHBERG);
    }

    @Test
    void correctionIsReadFromTheSpec() {
        assertThat(ModelSpecs.parse(MINIMAL + "drift: {correction: bonferroni}\n").drift().correction())
                .isEqualTo(Correction.BONFERRONI);
        assertThat(ModelSpecs.parse(MINIMAL + "drift: {correction: none}\n").drift().correction())
                .isEqualTo(Correction.NONE);
    }

    @Test
    void sizingAttemptsWarmStartAndDataStrategyHaveDefaults() {
        var spec = ModelSpecs.parse(MINIMAL);
        assertThat(spec.drift().maxAttempts()).isEqualTo(3);
        assertThat(spec.gates().maxIntervalWidth()).isEqualTo(0.2);
        assertThat(spec.training().dataDeadline()).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(spec.training().warmStart()).isTrue();
        assertThat(spec.training().warmStartLearningRate()).isEqualTo(0.002);
        assertThat(spec.training().warmStartEpochs()).isEqualTo(15);
        assertThat(spec.drift().alarmRate()).isEqualTo(0.01);
        assertThat(spec.training().data()).isEqualTo(new io.driftloop.contracts.spec.DataSpec(
                io.driftloop.contracts.spec.DataStrategy.POST_DRIFT, 5000, 0.5, 1000));
        assertThat(ModelSpecs.parse(MINIMAL + "training: {data: {strategy: mixed, preDriftShare: 0.3}}\n").training()
                .data()).isEqualTo(new io.driftloop.contracts.spec.DataSpec(
                        io.driftloop.contracts.spec.DataStrategy.MIXED, 5000, 0.3, 1000));
        assertThat(ModelSpecs.parse(MINIMAL + "training: {data: {strategy: recency-weighted, halfLife: 250}}\n")
                .training().data()).isEqualTo(new io.driftloop.contracts.spec.DataSpec(
                        io.driftloop.contracts.spec.DataStrategy.RECENCY_WEIGHTED, 5000, 0.5, 250));
    }

    @Test
    void theSearchRegularisationAndClassWeightsHaveDefaults() {
        var t = ModelSpecs.parse(MINIMAL).training();
        assertThat(t.l2()).isZero();
        assertThat(t.dropout()).isZero();
        assertThat(t.classWeights()).isEqualTo(io.driftloop.contracts.spec.ClassWeights.NONE);
        var s = t.search();
        assertThat(s.trials()).isEqualTo(9);
        assertThat(s.eta()).isEqualTo(3);
        assertThat(s.minEpochs()).isEqualTo(4);
        assertThat(s.hiddenLayers()).containsExactly(java.util.List.of(16), java.util.List.of(32, 16),
                java.util.List.of(64, 32));
        assertThat(s.learningRate()).containsExactly(0.005, 0.01, 0.02, 0.05);
        assertThat(s.batchSize()).containsExactly(256);
        assertThat(s.l2()).containsExactly(0.0, 0.0001, 0.001);
        assertThat(s.dropout()).containsExactly(0.0, 0.1);
        assertThat(s.folds()).isZero();
        assertThat(s.maxDuration()).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(s.baseline()).isTrue();
        assertThat(io.driftloop.contracts.spec.TrainingSpec.DEFAULTS.search()).isEqualTo(s);
        // the batch sizes searched default to the spec's own
        var custom = ModelSpecs.parse(MINIMAL + "training: {batchSize: 64, classWeights: auto, search: {trials: 3, "
                + "learningRate: [0.1], folds: 5}}\n").training();
        assertThat(custom.search().batchSize()).containsExactly(64);
        assertThat(custom.search().trials()).isEqualTo(3);
        assertThat(custom.search().learningRate()).containsExactly(0.1);
        assertThat(custom.search().folds()).isEqualTo(5);
        assertThat(custom.search().eta()).isEqualTo(3);
        assertThat(custom.classWeights()).isEqualTo(io.driftloop.contracts.spec.ClassWeights.AUTO);
    }

    @Test
    void anAlarmRateOrHalfLifeOutOfRangeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> ModelSpecs.parse(MINIMAL + "drift: {alarmRate: 0}\n"))
                .isInstanceOf(SpecValidationException.class).hasMessageContaining("drift.alarmRate");
        assertThatThrownBy(() -> ModelSpecs.parse(MINIMAL + "drift: {alarmRate: 1.5}\n"))
                .isInstanceOf(SpecValidationException.class).hasMessageContaining("drift.alarmRate");
        assertThatThrownBy(() -> ModelSpecs.parse(MINIMAL + "training: {data: {halfLife: 0}}\n"))
                .isInstanceOf(SpecValidationException.class).hasMessageContaining("training.data.halfLife");
        assertThat(ModelSpecs.parse(MINIMAL + "drift: {alarmRate: 1}\n").drift().alarmRate()).isEqualTo(1.0);
    }

    @Test
    void aDataDeadlineNotShorterThanTheInFlightTimeoutIsRefusedSayingWhy() {
        assertThatThrownBy(() -> ModelSpecs.parse(MINIMAL + "training: {dataDeadline: PT2H}\n"))
                .isInstanceOf(SpecValidationException.class).hasMessageContaining("training.dataDeadline")
                .hasMessageContaining("shorter than drift.inFlightTimeout");
    }

    @Test
    void outOfRangeSizingAttemptAndStrategySettingsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> ModelSpecs.parse(MINIMAL + "gates: {maxIntervalWidth: 0}\n"))
                .hasMessageContaining("gates.maxIntervalWidth");
        assertThatThrownBy(() -> ModelSpecs.parse(MINIMAL + "drift: {maxAttempts: 0}\n"))
                .hasMessageContaining("drift.maxAttempts");
        assertThatThrownBy(() -> ModelSpecs.parse(MINIMAL + "training: {data: {strategy: mixed, preDriftShare: 0.95}}\n"))
                .hasMessageContaining("training.data.preDriftShare");
        assertThatThrownBy(() -> ModelSpecs.parse(MINIMAL + "training: {warmStartLearningRate: 1.5}\n"))
                .hasMessageContaining("training.warmStartLearningRate");
        assertThatThrownBy(() -> ModelSpecs.parse(MINIMAL + "training: {data: {strategy: newest}}\n"))
                .hasMessageContaining("training.data.strategy");
    }

    @Test
    void absentGateListsAreDerivedFromTheShorthandThresholds() {
        GateSpec gates = ModelSpecs.parse(MINIMAL + "gates: {minAccuracy: 0.7, maxDegradation: 0.02, "
                + "maxDemographicParityDifference: 0.1}\n").gates();

        assertThat(gates.quality()).containsExactly(
                new QualityGate(QualityMetric.ACCURACY, GateKind.MINIMUM, 0.7, null, GateBound.POINT),
                new QualityGate(QualityMetric.ROC_AUC, GateKind.MINIMUM, 0.6, null, GateBound.POINT),
                new QualityGate(QualityMetric.ACCURACY, GateKind.NON_INFERIORITY, null, 0.02, GateBound.POINT),
                new QualityGate(QualityMetric.ROC_AUC, GateKind.NON_INFERIORITY, null, 0.02, GateBound.POINT),
                new QualityGate(QualityMetric.BRIER, GateKind.BEATS_BASELINE, null, null, GateBound.POINT));
        assertThat(gates.fairness()).containsExactly(new FairnessGate(
                FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, 0.1, null, null, GateBound.POINT));
        assertThat(gates.confidence()).isEqualTo(0.95);
        assertThat(gates.bootstrapResamples()).isEqualTo(1000);
        assertThat(gates.intersections()).isFalse();
    }

    @Test
    void declaredGatesGetTheirDefaultsAndReplaceTheDerivedOnes() {
        GateSpec gates = ModelSpecs.parse(MINIMAL + """
                attributes: [{name: gender, sensitive: true}]
                gates:
                  confidence: 0.9
                  quality:
                    - {metric: f1, kind: superiority}
                    - {metric: accuracy, kind: non-inferiority, margin: 0.01}
                    - {metric: accuracy, kind: minimum, threshold: 0.7}
                    - {metric: brier, kind: maximum, threshold: 0.2, on: interval}
                  fairness:
                    - {metric: disparate-impact-ratio, attributes: [gender], referenceGroup: m}
                    - {metric: equalized-odds-difference}
                """).gates();

        assertThat(gates.quality()).containsExactly(
                new QualityGate(QualityMetric.F1, GateKind.SUPERIORITY, null, 0.0, GateBound.INTERVAL),
                new QualityGate(QualityMetric.ACCURACY, GateKind.NON_INFERIORITY, null, 0.01, GateBound.INTERVAL),
                new QualityGate(QualityMetric.ACCURACY, GateKind.MINIMUM, 0.7, null, GateBound.POINT),
                new QualityGate(QualityMetric.BRIER, GateKind.MAXIMUM, 0.2, null, GateBound.INTERVAL));
        assertThat(gates.fairness()).containsExactly(
                new FairnessGate(FairnessMetric.DISPARATE_IMPACT_RATIO, 0.8, List.of("gender"), "m", GateBound.POINT),
                new FairnessGate(FairnessMetric.EQUALIZED_ODDS_DIFFERENCE, 0.25, null, null, GateBound.POINT));
        assertThat(gates.confidence()).isEqualTo(0.9);
    }

    @Test
    void unparseableDocumentSaysSo() {
        assertThatThrownBy(() -> ModelSpecs.parse("name: \"unclosed")).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("not valid YAML or JSON");
        assertThatThrownBy(() -> ModelSpecs.parse("  ")).hasMessageContaining("empty");
    }
}
