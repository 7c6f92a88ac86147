package io.driftloop.registry.api;

import io.driftloop.registry.domain.RegistryRefusal;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Failures of REST requests as RFC 7807 problem documents: refusals of the registry (404, 409, 400),
 * missing or wrong credentials (401, with a challenge), a missing role (403).
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response refused(RegistryRefusal refusal) {
        return switch (refusal.kind()) {
            case UNKNOWN -> Problem.notFound(refusal.getMessage());
            case CONFLICT -> Problem.conflict(refusal.getMessage());
            case INVALID -> Problem.invalidRequest(refusal.getMessage());
        };
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return Problem.unauthenticated();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return Problem.unauthenticated();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.forbidden("this request needs another role (viewer, operator or approver): "
                + "ask an administrator for it");
    }
}
