package io.driftloop.scorer.domain;

/** Answer of {@code POST /predict}: which model version scored, its prediction (0/1) and P(label = 1). */
public record PredictResponse(String model, int modelVersion, int prediction, double score, String requestId) {
}
