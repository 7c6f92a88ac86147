package io.driftloop.scorer.domain;

import java.util.Map;

/**
 * Body of {@code POST /predict}: {@code features} are the model's inputs (numbers or strings),
 * {@code attributes} context kept with the inference event but never fed to the model.
 * {@code model} and {@code requestId} are optional.
 */
public record PredictRequest(String model, String requestId, Map<String, Object> features,
                             Map<String, String> attributes) {
}
