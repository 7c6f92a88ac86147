package io.driftloop.registry.api;

import io.driftloop.registry.domain.RegistryRefusal;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Failures of REST requests as RFC 7807 problem documents: refusals of the registry (404, 409, 400),
 * missing or wrong credentials (401, with a Basic and a Bearer challenge), a missing role (403), any
 * other HTTP error with its status, and anything unexpected as a 500.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response refused(RegistryRefusal refusal) {
        return switch (refusal.kind()) {
            case UNKNOWN -> Problem.notFound(refusal.getMessage());
            case CONFLICT -> Problem.conflict(refusal.getMessage());
            case INVALID -> Problem.invalidRequest(refusal.getMessage());
        };
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthenticated() {
        return Problem.unauthenticated();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.forbidden("this request needs another role (viewer, operator or approver): "
                + "ask an administrator for it");
    }

    /** Any other HTTP error keeps its status and headers (e.g. {@code Allow}) with a problem body. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        Response problem = Problem.http(status, type == null ? "HTTP " + status : type.getReasonPhrase(),
                e.getMessage() == null ? "HTTP " + status : e.getMessage());
        Response.ResponseBuilder builder = Response.fromResponse(problem);
        if (original != null) {
            original.getStringHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
        }
        return builder.type(Problem.MEDIA_TYPE).build();
    }

    /** Anything unexpected: logged, answered as a 500 problem without internals. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.errorf(e, "request failed");
        return Problem.internal("the registry failed to handle the request (" + e.getClass().getSimpleName()
                + "); see the registry's log");
    }
}
