package io.driftloop.contracts.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.events.FeedbackEvent;
import io.driftloop.contracts.events.InferenceEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecChecksTest {

    static final ModelSpec SPEC = ModelSpecs.parse("""
            name: credit
            task: binary-classification
            label: y
            features: [{name: age, type: numeric}, {name: region, type: categorical, values: [n, s]}]
            attributes: [{name: gender, sensitive: true}, {name: channel}]
            """);
    static final Instant T = Instant.parse("2026-11-23T12:00:00Z");

    static InferenceEvent inference(Map<String, Object> features, Map<String, String> attributes) {
        return new InferenceEvent("credit", "r-1", T, null, features, attributes, null, null);
    }

    static Map<String, Object> features(Object age, Object region) {
        Map<String, Object> f = new HashMap<>();
        f.put("age", age);
        f.put("region", region);
        return f;
    }

    @Test
    void aValidInferenceKeepsOnlyTheSpecsFeaturesAndAttributes() {
        Map<String, Object> f = features(41, "n");
        f.put("debug", "x");
        InferenceEvent e = SpecChecks.inference(inference(f, Map.of("gender", "f", "session", "abc")), SPEC);

        assertThat(e.features()).containsOnlyKeys("age", "region").containsEntry("age", 41);
        assertThat(e.attributes()).containsOnlyKeys("gender");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 2, 7, 100})
    void aLabelOutsideZeroAndOneIsRefusedNamingIt(int label) {
        assertThatThrownBy(() -> SpecChecks.feedback(new FeedbackEvent("credit", "r-1", label, T), SPEC))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("field 'label' must be 0 or 1 for the binary-classification model 'credit', was " + label);
    }

    @Test
    void labelsZeroAndOnePass() {
        assertThat(SpecChecks.feedback(new FeedbackEvent("credit", "r-1", 0, T), SPEC).label()).isZero();
        assertThat(SpecChecks.feedback(new FeedbackEvent("credit", "r-1", 1, T), SPEC).label()).isOne();
    }

    @Test
    void aStringWhereANumberBelongsIsRefusedOnArrival() {
        assertThatThrownBy(() -> SpecChecks.inference(inference(features("forty", "n"), Map.of("gender", "f")), SPEC))
                .isInstanceOf(InvalidEventException.class).hasMessage("field 'features.age' must be a number, was the string 'forty'");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1e13, -2e12})
    void nonFiniteAndAbsurdNumbersAreRefused(double age) {
        assertThatThrownBy(() -> SpecChecks.inference(inference(features(age, "n"), Map.of("gender", "f")), SPEC))
                .isInstanceOf(InvalidEventException.class).hasMessageStartingWith("field 'features.age' must be a finite number");
    }

    @Test
    void aNumberAtTheLargestMagnitudePasses() {
        assertThat(SpecChecks.inference(inference(features(-1e12, "n"), Map.of("gender", "f")), SPEC).features())
                .containsEntry("age", -1e12);
    }

    @Test
    void aMissingFeatureIsRefusedNamingItsType() {
        Map<String, Object> f = features(41, "n");
        f.remove("region");
        assertThatThrownBy(() -> SpecChecks.inference(inference(f, Map.of("gender", "f")), SPEC))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("field 'features.region' is missing: the spec of 'credit' declares it as a categorical input");
    }

    @Test
    void aCategoricalNumberIsReadAsItsTextAndAnOverlongCategoryIsRefused() {
        assertThat(SpecChecks.inference(inference(features(41, 7), Map.of("gender", "f")), SPEC).features())
                .containsEntry("region", "7");
        assertThatThrownBy(() -> SpecChecks.inference(inference(features(41, "x".repeat(257)),
                Map.of("gender", "f")), SPEC)).isInstanceOf(InvalidEventException.class)
                .hasMessage("field 'features.region' must be at most 256 characters, was 257");
    }

    @Test
    void aMissingSensitiveAttributeIsRefusedAndAMissingPlainOneIsNot() {
        assertThatThrownBy(() -> SpecChecks.inference(inference(features(41, "n"), Map.of("channel", "web")), SPEC))
                .isInstanceOf(InvalidEventException.class).hasMessageStartingWith("field 'attributes.gender' is missing");
        assertThat(SpecChecks.inference(inference(features(41, "n"), Map.of("gender", "f")), SPEC).attributes())
                .containsOnlyKeys("gender");
    }

    @Test
    void anOverlongAttributeIsRefused() {
        assertThatThrownBy(() -> SpecChecks.inference(inference(features(41, "n"),
                Map.of("gender", "f", "channel", "c".repeat(300))), SPEC)).isInstanceOf(InvalidEventException.class)
                .hasMessage("field 'attributes.channel' must be at most 256 characters, was 300");
    }

    @Test
    void aPredictionOutsideTheClassesAndAVersionBelowOneAreRefused() {
        InferenceEvent badPrediction = new InferenceEvent("credit", "r-1", T, 2, features(41, "n"), Map.of("gender", "f"),
                3, 0.4);
        InferenceEvent badVersion = new InferenceEvent("credit", "r-1", T, 0, features(41, "n"), Map.of("gender", "f"),
                1, 0.4);
        assertThatThrownBy(() -> SpecChecks.inference(badPrediction, SPEC)).hasMessageContaining("'prediction'");
        assertThatThrownBy(() -> SpecChecks.inference(badVersion, SPEC)).hasMessageContaining("'modelVersion'");
    }
}
