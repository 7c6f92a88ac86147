package io.driftloop.scorer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.scorer.TestModels;
import io.driftloop.subscriber.LoadedModel;
import io.driftloop.subscriber.dl4j.Dl4jModel;
import io.driftloop.subscriber.dl4j.Dl4jModelLoader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scoring one request with a real DL4J model of known weights, and the requests refused. */
class PredictorTest {

    static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    static LoadedModel<Dl4jModel> v3;
    final Predictor predictor = new Predictor(Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void load() {
        ModelPromoted p = new ModelPromoted("m", 3, 2, new ArtifactRef("file:///a", "00", "dl4j-multilayer"), null, null,
                null, null, NOW, "c3", null);
        Dl4jModel model = new Dl4jModelLoader().load(p, TestModels.artifact("m", 1.5f));
        v3 = new LoadedModel<>("m", 3, "00", "c3", NOW, NOW, 1, model);
    }

    static PredictRequest request(Map<String, Object> features) {
        return new PredictRequest(null, "r-1", features, Map.of("gender", "f"));
    }

    static Map<String, Object> features(Object x, Object region) {
        Map<String, Object> f = new HashMap<>();
        f.put("x", x);
        f.put("region", region);
        return f;
    }

    @Test
    void aRequestIsScoredByTheServingVersionAndRecordedAsAnInferenceEvent() {
        Prediction p = predictor.predict("m", request(features(0.8, "north")), v3);
        assertThat(p.response().modelVersion()).isEqualTo(3);
        assertThat(p.response().score()).isCloseTo(TestModels.expected(1.5f, 0.8), within(1e-6));
        assertThat(p.response().prediction()).isEqualTo(1);
        assertThat(p.response().requestId()).isEqualTo("r-1");
        assertThat(p.event().modelVersion()).isEqualTo(3);
        assertThat(p.event().score()).isEqualTo(p.response().score());
        assertThat(p.event().prediction()).isEqualTo(1);
        assertThat(p.event().timestamp()).isEqualTo(NOW);
        assertThat(p.event().attributes()).containsEntry("gender", "f");
        assertThat(p.event().features()).containsEntry("region", "north");
        assertThat(p.eventId()).isEqualTo("inference:m:r-1:v3");
    }

    @Test
    void aScoreBelowOneHalfPredictsZero() {
        assertThat(predictor.predict("m", request(features(-0.2, "south")), v3).response().prediction()).isZero();
    }

    @Test
    void aRequestWithoutIdGetsOne() {
        Prediction p = predictor.predict("m", new PredictRequest("m", null, features(1, "south"), null), v3);
        assertThat(p.response().requestId()).isNotBlank();
        assertThat(p.event().attributes()).isEmpty();
    }

    @Test
    void anUnknownCategoryIsScoredAsNoneOfTheKnownOnes() {
        assertThat(predictor.predict("m", request(features(0.0, "west")), v3).response().score()).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void missingFeaturesAreRefused() {
        assertThatThrownBy(() -> predictor.predict("m", request(null), v3))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("features is missing");
        assertThatThrownBy(() -> predictor.predict("m", request(Map.of("x", 1)), v3))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'region' is missing").hasMessageContaining("m v3 reads [x, region]");
    }

    @Test
    void aStringForANumericFeatureIsRefused() {
        assertThatThrownBy(() -> predictor.predict("m", request(features("high", "north")), v3))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'x' is numeric");
    }

    @Test
    void aNumberForACategoricalFeatureIsRefused() {
        assertThatThrownBy(() -> predictor.predict("m", request(features(1, 2)), v3))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'region' is categorical");
    }

    @Test
    void aFeatureThatIsNeitherNumberNorStringIsRefused() {
        Map<String, Object> f = features(1, "north");
        f.put("tags", java.util.List.of("a"));
        assertThatThrownBy(() -> predictor.predict("m", request(f), v3))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'tags' must be a number or a string");
    }
}
