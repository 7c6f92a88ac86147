package io.driftloop.scorer.domain;

import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.model.FeatureEncoding;
import io.driftloop.subscriber.LoadedModel;
import io.driftloop.subscriber.dl4j.Dl4jModel;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Scores one request with one loaded model (taken once, so a swap mid-request never mixes
 * versions) after checking it against that model's own feature encoding: every feature the network
 * reads must be present, numeric ones as numbers and categorical ones as strings (a category the
 * model never saw is allowed and encodes as none of its known values). Extra features are kept in
 * the inference event but not read.
 */
public final class Predictor {

    private final Clock clock;

    public Predictor(Clock clock) {
        this.clock = clock;
    }

    public Prediction predict(String model, PredictRequest request, LoadedModel<Dl4jModel> serving) {
        Map<String, Object> features = check(request, serving);
        String requestId = request.requestId() == null || request.requestId().isBlank()
                ? UUID.randomUUID().toString() : request.requestId();
        double score = serving.value().score(features);
        if (!(score >= 0 && score <= 1)) {
            throw new InvalidScoreException(model + " v" + serving.version() + " answered " + score
                    + ", not a probability");
        }
        int prediction = Dl4jModel.predict(score);
        PredictResponse response = new PredictResponse(model, serving.version(), prediction, score, requestId);
        Map<String, String> attributes = request.attributes() == null ? Map.of() : request.attributes();
        InferenceEvent event = new InferenceEvent(model, requestId, clock.instant(), serving.version(), features,
                attributes, prediction, score).validate();
        return new Prediction(response, event);
    }

    private static Map<String, Object> check(PredictRequest request, LoadedModel<Dl4jModel> serving) {
        if (request.features() == null || request.features().isEmpty()) {
            throw new InvalidRequestException("features is missing or empty: send an object of feature name to number or string");
        }
        if (request.requestId() != null && request.requestId().length() > 200) {
            throw new InvalidRequestException("requestId is longer than 200 characters");
        }
        Map<String, Object> features = new LinkedHashMap<>(request.features());
        for (Map.Entry<String, Object> f : features.entrySet()) {
            if (!(f.getValue() instanceof Number || f.getValue() instanceof String)) {
                throw new InvalidRequestException("feature '" + f.getKey() + "' must be a number or a string, was "
                        + f.getValue());
            }
            if (f.getValue() instanceof Number n && !Double.isFinite(n.doubleValue())) {
                throw new InvalidRequestException("feature '" + f.getKey() + "' must be finite, was " + n);
            }
        }
        for (FeatureEncoding.Column c : serving.value().encoding().columns()) {
            Object value = features.get(c.name());
            String where = serving.model() + " v" + serving.version();
            if (value == null) {
                throw new InvalidRequestException("feature '" + c.name() + "' is missing; " + where + " reads "
                        + serving.value().encoding().columns().stream().map(FeatureEncoding.Column::name).toList());
            }
            if (c.numeric() && !(value instanceof Number)) {
                throw new InvalidRequestException("feature '" + c.name() + "' is numeric in " + where
                        + ", was the string \"" + value + "\"");
            }
            if (!c.numeric() && !(value instanceof String)) {
                throw new InvalidRequestException("feature '" + c.name() + "' is categorical in " + where
                        + " (one of " + c.values() + "), was the number " + value);
            }
        }
        return features;
    }
}
