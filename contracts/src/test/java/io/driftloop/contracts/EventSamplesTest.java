package io.driftloop.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.driftloop.contracts.events.ConceptSignal;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.FeatureDrift;
import io.driftloop.contracts.events.FeedbackEvent;
import io.driftloop.contracts.events.Histogram;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.events.LabelledExample;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelLifecycleChanged;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.events.TrainingProgress;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden samples are kept forever: each must parse, round-trip and validate against its topic's schema. */
class EventSamplesTest {

    private static final Map<String, Class<?>> RECORDS = Map.ofEntries(
            Map.entry(Topics.INFERENCE, InferenceEvent.class),
            Map.entry(Topics.FEEDBACK, FeedbackEvent.class),
            Map.entry(Topics.EXAMPLES, LabelledExample.class),
            Map.entry(Topics.DRIFT_STATS, DriftStats.class),
            Map.entry(Topics.RETRAIN_REQUESTED, RetrainRequested.class),
            Map.entry(Topics.RETRAIN_ABANDONED, io.driftloop.contracts.events.RetrainAbandoned.class),
            Map.entry(Topics.DATASET_READY, DatasetReady.class),
            Map.entry(Topics.TRAINING_PROGRESS, TrainingProgress.class),
            Map.entry(Topics.TRAINING_TRIALS, io.driftloop.contracts.events.TrialCheckpointed.class),
            Map.entry(Topics.MODEL_TRAINED, ModelTrained.class),
            Map.entry(Topics.MODEL_EVALUATED, ModelEvaluated.class),
            Map.entry(Topics.MODEL_PROMOTED, ModelPromoted.class),
            Map.entry(Topics.MODEL_LIFECYCLE, ModelLifecycleChanged.class),
            Map.entry(Topics.MODEL_SPECS, ModelSpec.class));

    static Stream<Arguments> samples() {
        return RECORDS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void goldenSampleValidatesAgainstItsSchema(String topic, Class<?> type) throws IOException {
        assertThat(errors(topic, Json.mapper().readTree(sample(topic)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void recordRoundTripsAndItsJsonStillValidates(String topic, Class<?> type) throws IOException {
        Object decoded = Json.decode(sample(topic), type);
        String encoded = Json.encode(decoded);

        assertThat(Json.decode(encoded, type)).isEqualTo(decoded);
        assertThat(errors(topic, Json.mapper().readTree(encoded))).isEmpty();
    }

    @Test
    void everyConsumedAndEmittedTopicHasASchemaAndASample() {
        for (String topic : RECORDS.keySet()) {
            assertThat(Json.class.getResource("/schemas/" + topic + ".schema.json")).as(topic).isNotNull();
        }
        assertThat(RECORDS.keySet()).containsAll(Topics.CONSUMED);
    }

    @Test
    void schemaRejectsAnInferenceWithoutFeatures() throws IOException {
        JsonNode bad = Json.mapper().readTree("{\"model\":\"m\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\"}");
        assertThat(errors(Topics.INFERENCE, bad)).anyMatch(m -> m.getMessage().contains("features"));
    }

    @Test
    void unknownFieldsOfAnInputEventAreIgnored() {
        InferenceEvent e = Json.decode("{\"model\":\"m\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\","
                + "\"features\":{\"x\":1},\"extra\":{\"a\":1}}", InferenceEvent.class).validate();
        assertThat(e.features()).containsEntry("x", 1);
        assertThat(e.attributes()).isEmpty();
    }

    @Test
    void inferenceWithoutRequestIdIsRejectedNamingTheField() {
        InferenceEvent e = Json.decode("{\"model\":\"m\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"features\":{\"x\":1}}",
                InferenceEvent.class);
        assertThatThrownBy(e::validate).isInstanceOf(InvalidEventException.class).hasMessageContaining("requestId");
    }

    @Test
    void inferenceWithANestedFeatureValueIsRejectedNamingTheFeature() {
        InferenceEvent e = Json.decode("{\"model\":\"m\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\","
                + "\"features\":{\"x\":{\"y\":1}}}", InferenceEvent.class);
        assertThatThrownBy(e::validate).hasMessageContaining("features.x");
    }

    @Test
    void aRejectedFeatureValueIsNamedWithTheValueItHad() {
        InferenceEvent e = Json.decode("{\"model\":\"m\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\","
                + "\"features\":{\"x\":1,\"y\":true}}", InferenceEvent.class);
        assertThatThrownBy(e::validate).isInstanceOf(InvalidEventException.class)
                .hasMessage("field 'features.y' must be a number or a string, was true");
    }

    @Test
    void aScoreOutsideTheUnitIntervalIsRejectedWithItsValue() {
        InferenceEvent e = Json.decode("{\"model\":\"m\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\","
                + "\"features\":{\"x\":1},\"score\":1.5}", InferenceEvent.class);
        assertThatThrownBy(e::validate).isInstanceOf(InvalidEventException.class)
                .hasMessage("field 'score' must be within [0, 1], was 1.5");
        InferenceEvent nan = new InferenceEvent("m", "r", e.timestamp(), null, e.features(), null, null, Double.NaN);
        assertThatThrownBy(nan::validate).hasMessage("field 'score' must be within [0, 1], was NaN");
    }

    @Test
    void scoresAtTheBoundsOfTheUnitIntervalAreAccepted() {
        InferenceEvent e = Json.decode("{\"model\":\"m\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\","
                + "\"features\":{\"x\":1,\"region\":\"north\"},\"score\":0}", InferenceEvent.class);
        assertThat(e.validate()).isSameAs(e);
        InferenceEvent one = new InferenceEvent("m", "r", e.timestamp(), null, e.features(), null, null, 1.0);
        assertThat(one.validate()).isSameAs(one);
    }

    @Test
    void driftStatsWrittenBeforeTheCorrectionStillParse() {
        DriftStats s = Json.decode("{\"eventId\":\"e\",\"model\":\"m\",\"windowStart\":\"2026-11-23T12:00:00Z\","
                + "\"windowEnd\":\"2026-11-23T12:01:00Z\",\"sampleSize\":10,\"features\":[{\"feature\":\"age\","
                + "\"test\":\"ks\",\"statistic\":0.3,\"pValue\":0.01,\"threshold\":0.05,\"drifted\":true,"
                + "\"referenceSize\":20,\"sampleSize\":10}],\"shareDrifted\":1,\"threshold\":0.3,\"drifted\":true,"
                + "\"computedAt\":\"2026-11-23T12:01:00Z\"}", DriftStats.class);
        assertThat(s.correction()).isNull();
        assertThat(s.features().get(0).adjustedPValue()).isNull();
        assertThat(s.features().get(0).pValue()).isEqualTo(0.01);
        assertThat(s.features().get(0).kind()).isNull();
        assertThat(s.features().get(0).weight()).isNull();
    }

    @Test
    void aFeatureComparedByADistanceCarriesNoPValue() throws IOException {
        String json = "{\"eventId\":\"e\",\"model\":\"m\",\"windowStart\":\"2026-11-23T12:00:00Z\","
                + "\"windowEnd\":\"2026-11-23T12:01:00Z\",\"sampleSize\":10,\"features\":[{\"feature\":\"age\","
                + "\"test\":\"psi\",\"kind\":\"distance\",\"statistic\":0.3,\"threshold\":0.1,\"drifted\":true,"
                + "\"referenceSize\":20,\"sampleSize\":10,\"weight\":2.5}],\"shareDrifted\":1,\"threshold\":0.3,"
                + "\"drifted\":true,\"computedAt\":\"2026-11-23T12:01:00Z\",\"correction\":\"none\"}";

        DriftStats s = Json.decode(json, DriftStats.class);

        assertThat(s.features().get(0).pValue()).isNull();
        assertThat(s.features().get(0).adjustedPValue()).isNull();
        assertThat(s.features().get(0).kind()).isEqualTo("distance");
        assertThat(s.features().get(0).weight()).isEqualTo(2.5);
        assertThat(errors(Topics.DRIFT_STATS, Json.mapper().readTree(Json.encode(s)))).isEmpty();
        assertThat(Json.encode(s)).doesNotContain("pValue");
    }

    @Test
    void driftStatsWrittenBeforeHistogramsAndConceptSignalsStillParseAndValidate() throws IOException {
        DriftStats s = Json.decode(sample(Topics.DRIFT_STATS), DriftStats.class);

        assertThat(s.concept()).isNull();
        assertThat(s.features()).extracting(FeatureDrift::histogram).containsOnlyNulls();
        assertThat(Json.encode(s)).doesNotContain("histogram").doesNotContain("concept");
        assertThat(errors(Topics.DRIFT_STATS, Json.mapper().readTree(Json.encode(s)))).isEmpty();
    }

    @Test
    void featureHistogramsAndAConceptSignalRoundTripAndValidate() throws IOException {
        String json = "{\"eventId\":\"e\",\"model\":\"m\",\"championVersion\":3,\"windowStart\":\"2026-11-23T12:00:00Z\","
                + "\"windowEnd\":\"2026-11-23T12:01:00Z\",\"sampleSize\":10,\"features\":[{\"feature\":\"age\","
                + "\"test\":\"ks\",\"statistic\":0.3,\"pValue\":0.01,\"threshold\":0.05,\"drifted\":true,"
                + "\"referenceSize\":20,\"sampleSize\":10,\"histogram\":{\"edges\":[18,30,45,90],"
                + "\"reference\":[0.3333,0.3333,0.3334],\"current\":[0.1,0.2,0.7]}},{\"feature\":\"region\","
                + "\"test\":\"chi-square\",\"statistic\":2.1,\"pValue\":0.55,\"threshold\":0.05,\"drifted\":false,"
                + "\"referenceSize\":20,\"sampleSize\":10,\"histogram\":{\"categories\":[\"north\",\"south\",\"mars\"],"
                + "\"reference\":[0.5,0.5,0],\"current\":[0.4,0.4,0.2]}}],\"shareDrifted\":0.5,\"threshold\":0.3,"
                + "\"drifted\":true,\"computedAt\":\"2026-11-23T12:01:00Z\",\"source\":\"labels\",\"concept\":{"
                + "\"detector\":\"ddm\",\"championVersion\":3,\"seen\":1200,\"errorRate\":0.21,\"statistic\":0.2318,"
                + "\"threshold\":0.2405,\"signal\":\"warning\",\"alarms\":2}}";

        DriftStats s = Json.decode(json, DriftStats.class);

        Histogram age = s.features().get(0).histogram();
        assertThat(age.edges()).containsExactly(18.0, 30.0, 45.0, 90.0);
        assertThat(age.categories()).isNull();
        assertThat(age.current()).containsExactly(0.1, 0.2, 0.7);
        assertThat(s.features().get(1).histogram().categories()).containsExactly("north", "south", "mars");
        assertThat(s.features().get(1).histogram().edges()).isNull();
        assertThat(s.concept()).isEqualTo(new ConceptSignal("ddm", 3, 1200, 0.21, 0.2318, 0.2405,
                ConceptSignal.WARNING, 2));
        assertThat(Json.decode(Json.encode(s), DriftStats.class)).isEqualTo(s);
        assertThat(errors(Topics.DRIFT_STATS, Json.mapper().readTree(json))).isEmpty();
        assertThat(errors(Topics.DRIFT_STATS, Json.mapper().readTree(Json.encode(s)))).isEmpty();
    }

    @Test
    void aConceptSignalWithoutEstimatesLeavesThemOut() throws IOException {
        DriftStats s = Json.decode(sample(Topics.DRIFT_STATS), DriftStats.class)
                .withConcept(new ConceptSignal("page-hinkley", 3, 40, null, null, null, ConceptSignal.DRIFT, 1));

        String json = Json.encode(s);

        assertThat(json).contains("\"concept\":{\"alarms\":1,\"championVersion\":3,\"detector\":\"page-hinkley\","
                + "\"seen\":40,\"signal\":\"drift\"}");
        assertThat(errors(Topics.DRIFT_STATS, Json.mapper().readTree(json))).isEmpty();
    }

    @Test
    void schemaRejectsAShareAboveOneAndAnUnknownConceptSignal() throws IOException {
        DriftStats s = Json.decode(sample(Topics.DRIFT_STATS), DriftStats.class);
        FeatureDrift age = s.features().get(0).withHistogram(Histogram.numeric(new double[] {0, 1, 2},
                new double[] {0.5, 0.5}, new double[] {0.5, 0.5}));
        String ok = Json.encode(new DriftStats(s.eventId(), s.model(), s.championVersion(), s.windowStart(),
                s.windowEnd(), s.sampleSize(), List.of(age), s.shareDrifted(), s.threshold(), s.drifted(),
                s.computedAt(), s.correction(), null, null, null, null, null,
                new ConceptSignal("adwin", 3, 10, 0.2, null, null, ConceptSignal.NONE, 0)));
        assertThat(errors(Topics.DRIFT_STATS, Json.mapper().readTree(ok))).isEmpty();

        assertThat(errors(Topics.DRIFT_STATS, Json.mapper().readTree(ok.replace("\"current\":[0.5,", "\"current\":[1.5,"))))
                .isNotEmpty();
        assertThat(errors(Topics.DRIFT_STATS, Json.mapper().readTree(ok.replace("\"none\"", "\"maybe\""))))
                .isNotEmpty();
    }

    @Test
    void histogramSharesAreRoundedToFourDecimalsAndBinsMustMatch() {
        Histogram h = Histogram.numeric(new double[] {0, 1, 2, 3}, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0},
                new double[] {0.123456, 0.87654, 0});

        assertThat(h.reference()).containsExactly(0.3333, 0.3333, 0.3333);
        assertThat(h.current()).containsExactly(0.1235, 0.8765, 0.0);
        assertThat(h.bins()).isEqualTo(3);
        assertThatThrownBy(() -> Histogram.numeric(new double[] {0, 1}, new double[] {0.5, 0.5}, new double[] {0.5, 0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 edges");
        assertThatThrownBy(() -> Histogram.categorical(List.of("a"), new double[] {1}, new double[] {0.5, 0.5}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void schemaRejectsAnUnknownDriftTest() throws IOException {
        JsonNode bad = Json.mapper().readTree(sample(Topics.DRIFT_STATS).replace("\"wasserstein\"", "\"energy\""));
        assertThat(errors(Topics.DRIFT_STATS, bad)).isNotEmpty();
    }

    @Test
    void garbageIsAnInvalidEventNotACrash() {
        assertThatThrownBy(() -> Json.decode("{not json", FeedbackEvent.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("FeedbackEvent");
        assertThatThrownBy(() -> Json.decode("", FeedbackEvent.class)).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void specSampleParsesAsAModelSpec() {
        ModelSpec spec = ModelSpecs.parse(sample(Topics.MODEL_SPECS));
        assertThat(spec.name()).isEqualTo("credit-risk");
        assertThat(spec.sensitiveAttributes()).hasSize(1);
    }

    static String sample(String topic) {
        try (InputStream in = EventSamplesTest.class.getResourceAsStream("/samples/" + topic + ".json")) {
            assertThat(in).as("sample of " + topic).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<ValidationMessage> errors(String topic, JsonNode node) {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Json.class.getResourceAsStream("/schemas/" + topic + ".schema.json"));
        return schema.validate(node);
    }
}
