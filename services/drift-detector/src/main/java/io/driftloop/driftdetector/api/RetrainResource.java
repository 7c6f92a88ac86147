package io.driftloop.driftdetector.api;

import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.driftdetector.config.DriftDetectorConfig;
import io.driftloop.driftdetector.domain.Decision;
import io.driftloop.driftdetector.domain.DriftMonitor;
import io.driftloop.driftdetector.messaging.DriftPublisher;
import io.driftloop.driftdetector.messaging.RequestHistory;
import io.driftloop.kit.Catalogs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/drift/{model}/retrain}: an operator's retraining request (trigger {@code manual}),
 * published on ct.retrain.requested.v1 and answered 202 with the request. 404 when the model has no
 * spec, 409 naming the open request while one is in flight (unless {@code ?force=true}). Needs the
 * {@code operator} role (HTTP Basic or a bearer JWT, as the registry's API): 401 without credentials,
 * 403 without the role. Errors are RFC 7807 problem documents.
 */
@Singleton
@Path("/api/drift")
public class RetrainResource {

    private static final Logger LOG = Logger.getLogger(RetrainResource.class);
    /** The role a retraining request needs, as the registry's operator role. */
    public static final String OPERATOR = "operator";

    /** The optional body: why the operator asks. */
    public record ManualRetrain(String reason) {
    }

    private final Catalogs catalogs;
    private final DriftMonitor monitor;
    private final DriftPublisher publisher;
    private final RequestHistory history;
    private final DriftDetectorConfig config;

    public RetrainResource(Catalogs catalogs, DriftMonitor monitor, DriftPublisher publisher, RequestHistory history,
                           DriftDetectorConfig config) {
        this.catalogs = catalogs;
        this.monitor = monitor;
        this.publisher = publisher;
        this.history = history;
        this.config = config;
    }

    @POST
    @Path("/{model}/retrain")
    @RolesAllowed(OPERATOR)
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    @Produces(MediaType.APPLICATION_JSON)
    public Response retrain(@PathParam("model") String model, @QueryParam("force") @DefaultValue("false") boolean force,
                            String body) {
        String reason;
        try {
            reason = body == null || body.isBlank() ? null : Json.decode(body, ManualRetrain.class).reason();
        } catch (InvalidEventException e) {
            return Problem.badRequest("the body must be JSON such as {\"reason\": \"new labels arrived\"}: "
                    + e.getMessage());
        }
        if (!catalogs.awaitReady(config.catchUpTimeout()) || !history.awaitCaughtUp(config.catchUpTimeout())) {
            LOG.warnf("specs, champions or request history not read within %s: deciding without them",
                    config.catchUpTimeout());
        }
        Optional<ModelSpec> spec = catalogs.spec(model);
        if (spec.isEmpty()) {
            return Problem.notFound("no spec is registered for model '" + model
                    + "'; register it with the registry (PUT /api/models/" + model + ") first");
        }
        Decision decision = monitor.onManual(model, spec.get(), reason, force);
        if (decision.request().isEmpty()) {
            String open = monitor.inFlight(model, spec.get()).map(RetrainRequested::eventId).orElse(null);
            LOG.infof("%s: %s", model, decision.explanation());
            return Problem.inFlight(decision.explanation() + " (POST with ?force=true to request anyway)", open);
        }
        RetrainRequested request = decision.request().get();
        publisher.request(request);
        LOG.infof("retrain request %s for %s: %s", request.eventId(), model, decision.explanation());
        return Response.accepted(Json.encode(request)).type(MediaType.APPLICATION_JSON).build();
    }
}
