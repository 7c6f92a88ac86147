package io.driftloop.scorer.api;

import io.driftloop.contracts.Json;
import jakarta.ws.rs.core.Response;

/** An RFC 7807 problem document ({@code application/problem+json}). */
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    static Response badRequest(String detail) {
        return new Problem("/problems/invalid-request", "Invalid prediction request", 400, detail).response();
    }

    static Response noModel(String detail) {
        return Response.fromResponse(new Problem("/problems/no-model", "No model serving yet", 503, detail).response())
                .header("Retry-After", "5").build();
    }

    static Response notRecorded(String detail) {
        return new Problem("/problems/not-recorded", "Prediction could not be recorded", 503, detail).response();
    }

    static Response invalidScore(String detail) {
        return new Problem("/problems/invalid-score", "The model answered an invalid score", 500,
                detail + "; nothing was recorded").response();
    }

    static Response http(int status, String title, String detail) {
        return new Problem("/problems/http-" + status, title, status, detail).response();
    }

    static Response internal(String detail) {
        return new Problem("/problems/internal", "Internal error", 500, detail).response();
    }

    Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(Json.encode(this)).build();
    }
}
