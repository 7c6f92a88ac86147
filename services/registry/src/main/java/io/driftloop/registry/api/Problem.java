package io.driftloop.registry.api;

import io.driftloop.contracts.Json;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 7807 problem document ({@code application/problem+json}): what went wrong, and for an
 * invalid spec the offending field as a path such as {@code features[2].type}.
 */
public record Problem(String type, String title, int status, String detail, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    static Response invalidSpec(String detail, String field) {
        return new Problem("/problems/invalid-spec", "Invalid model spec", 400, detail, field).response();
    }

    static Response invalidRequest(String detail) {
        return new Problem("/problems/invalid-request", "Invalid request", 400, detail, null).response();
    }

    static Response notFound(String detail) {
        return new Problem("/problems/not-found", "Not found", 404, detail, null).response();
    }

    static Response conflict(String detail) {
        return new Problem("/problems/conflict", "Not possible in the current state", 409, detail, null).response();
    }

    /** 401 with a challenge for each way to authenticate: HTTP Basic and a bearer JWT. */
    static Response unauthenticated() {
        return Response.fromResponse(new Problem("/problems/unauthenticated", "Authentication required", 401,
                        "send HTTP Basic credentials of a configured user or a bearer JWT", null).response())
                .header("WWW-Authenticate", "Basic realm=\"driftloop-registry\"")
                .header("WWW-Authenticate", "Bearer realm=\"driftloop-registry\"").build();
    }

    /** Any other HTTP error (unknown path, method not allowed, unsupported media type, …) as a problem. */
    static Response http(int status, String title, String detail) {
        return new Problem("/problems/http-" + status, title, status, detail, null).response();
    }

    static Response internal(String detail) {
        return new Problem("/problems/internal", "Internal error", 500, detail, null).response();
    }

    static Response forbidden(String detail) {
        return new Problem("/problems/forbidden", "Role required", 403, detail, null).response();
    }

    static Response rebuilding() {
        return new Problem("/problems/rebuilding", "Registry is starting", 503,
                "the registry is still reading its event log; try again in a moment", null).response();
    }

    static Response unavailable(String detail) {
        return new Problem("/problems/unavailable", "Registry unavailable", 503, detail, null).response();
    }

    Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(Json.encode(this)).build();
    }
}
