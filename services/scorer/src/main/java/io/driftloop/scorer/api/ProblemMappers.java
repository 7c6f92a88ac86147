package io.driftloop.scorer.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error not answered by a resource itself as an RFC 7807 problem document: an HTTP error
 * (unknown path, method not allowed, unsupported media type, …) keeps its status and headers; any
 * other failure is a logged 500.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        Response.ResponseBuilder builder = Response.fromResponse(Problem.http(status,
                type == null ? "HTTP " + status : type.getReasonPhrase(),
                e.getMessage() == null ? "HTTP " + status : e.getMessage()));
        if (original != null) {
            original.getStringHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
        }
        return builder.type(Problem.MEDIA_TYPE).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.errorf(e, "request failed");
        return Problem.internal("the scorer failed to handle the request (" + e.getClass().getSimpleName()
                + "); see its log");
    }
}
