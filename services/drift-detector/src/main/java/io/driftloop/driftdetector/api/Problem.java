package io.driftloop.driftdetector.api;

import io.driftloop.contracts.Json;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 7807 problem document ({@code application/problem+json}): what went wrong and what to do;
 * for a conflict, the id of the request in flight.
 */
public record Problem(String type, String title, int status, String detail, String openRequestId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    static Response notFound(String detail) {
        return new Problem("/problems/not-found", "Not found", 404, detail, null).response();
    }

    static Response badRequest(String detail) {
        return new Problem("/problems/invalid-request", "Invalid request", 400, detail, null).response();
    }

    static Response inFlight(String detail, String openRequestId) {
        return new Problem("/problems/retrain-in-flight", "A retraining is in flight", 409, detail, openRequestId)
                .response();
    }

    static Response unauthenticated() {
        return Response.fromResponse(new Problem("/problems/unauthenticated", "Authentication required", 401,
                        "a retraining request needs the operator role: send HTTP Basic credentials of a configured user"
                                + " or a bearer JWT", null).response())
                .header("WWW-Authenticate", "Basic realm=\"driftloop\"")
                .header("WWW-Authenticate", "Bearer realm=\"driftloop\"").build();
    }

    static Response forbidden() {
        return new Problem("/problems/forbidden", "Role required", 403,
                "a retraining request needs the operator role: ask an administrator for it", null).response();
    }

    Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(Json.encode(this)).build();
    }
}
