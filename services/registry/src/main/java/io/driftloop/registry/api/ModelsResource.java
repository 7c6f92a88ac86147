package io.driftloop.registry.api;

import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.events.ModelLifecycleChanged;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.contracts.spec.SpecValidationException;
import io.driftloop.kit.Catalogs;
import io.driftloop.registry.api.ModelViews.AliasRequest;
import io.driftloop.registry.api.ModelViews.Aliases;
import io.driftloop.registry.api.ModelViews.Change;
import io.driftloop.registry.api.ModelViews.ChampionSummary;
import io.driftloop.registry.api.ModelViews.History;
import io.driftloop.registry.api.ModelViews.ModelDetail;
import io.driftloop.registry.api.ModelViews.ModelSummary;
import io.driftloop.registry.api.ModelViews.OverrideRequest;
import io.driftloop.registry.api.ModelViews.Registered;
import io.driftloop.registry.api.ModelViews.RollbackRequest;
import io.driftloop.registry.api.ModelViews.Unconfirmed;
import io.driftloop.registry.api.ModelViews.VersionLineage;
import io.driftloop.registry.api.ModelViews.VersionView;
import io.driftloop.registry.config.RegistryConfig;
import io.driftloop.registry.domain.ModelHistory;
import io.driftloop.registry.domain.Registry;
import io.driftloop.registry.domain.RegistryRefusal;
import io.driftloop.registry.messaging.LifecyclePublisher;
import io.driftloop.registry.messaging.ReadBackTimeout;
import io.driftloop.registry.messaging.RegistryState;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * {@code /api/models}: register a spec (published on ct.model.specs.v1), list models, read a
 * model's spec, versions, lineage, aliases, champion history and current champion; approve,
 * override, roll back and set aliases, each one lifecycle event decided through
 * {@link RegistryState#decide}. Reads are open; changes need the role each method names. Errors
 * are RFC 7807 problem documents.
 */
@Singleton
@Tag(name = "models")
@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private static final Logger LOG = Logger.getLogger(ModelsResource.class);

    private final Catalogs catalogs;
    private final RegistryState state;
    private final LifecyclePublisher publisher;
    private final RegistryConfig config;
    private final SecurityIdentity identity;
    private final Object specsChanged = new Object();

    public ModelsResource(Catalogs catalogs, RegistryState state, LifecyclePublisher publisher, RegistryConfig config,
                          SecurityIdentity identity) {
        this.identity = identity;
        this.catalogs = catalogs;
        this.state = state;
        this.publisher = publisher;
        this.config = config;
        catalogs.specs().onChange((model, spec) -> {
            synchronized (specsChanged) {
                specsChanged.notifyAll();
            }
        });
    }

    @PUT
    @Path("/{name}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Register a model spec (role operator)",
            description = "Validates a YAML or JSON spec, fills in defaults and publishes it on ct.model.specs.v1.")
    @APIResponse(responseCode = "200", description = "registered")
    @APIResponse(responseCode = "400", description = "invalid spec (problem document naming the field)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    public Response register(@PathParam("name") String name, String document) {
        ModelSpec spec;
        try {
            spec = SpecDocuments.parse(name, document);
        } catch (SpecValidationException e) {
            return Problem.invalidSpec(e.getMessage(), e.field() == null ? "(document)" : e.field());
        }
        String hash = ModelSpecs.hash(spec);
        publisher.spec(spec);
        LOG.infof("registered spec of %s (%s), promotion %s", spec.name(), hash, spec.promotion());
        awaitReadable(spec.name(), hash);
        return Response.ok(Json.encode(new Registered(spec.name(), hash, spec))).build();
    }

    @GET
    @Operation(summary = "List models with their champion and number of versions")
    public Response list() {
        return whenRebuilt(() -> {
            Map<String, ModelSpec> specs = catalogs.specs().snapshot();
            Map<String, ModelHistory> models = state.registry().models();
            TreeSet<String> names = new TreeSet<>(specs.keySet());
            names.addAll(models.keySet());
            return ok(names.stream().map(name -> {
                Optional<ModelHistory> history = Optional.ofNullable(models.get(name));
                return new ModelSummary(name, Optional.ofNullable(specs.get(name)).map(ModelSpecs::hash).orElse(null),
                        history.map(ModelHistory::championVersion).orElse(null),
                        history.map(h -> h.versions().size()).orElse(0));
            }).toList());
        });
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "A model's spec, champion and number of versions")
    public Response model(@PathParam("name") String name) {
        return whenRebuilt(() -> {
            Optional<ModelSpec> spec = catalogs.spec(name);
            Optional<ModelHistory> history = state.registry().model(name);
            if (spec.isEmpty() && history.isEmpty()) {
                return unknown(name);
            }
            return ok(new ModelDetail(name, spec.map(ModelSpecs::hash).orElse(null), spec.orElse(null),
                    history.map(ChampionSummary::of).orElse(null), history.map(h -> h.versions().size()).orElse(0)));
        });
    }

    @GET
    @Path("/{name}/versions")
    @Operation(summary = "Every version with its lineage, verdict and stage history")
    public Response versions(@PathParam("name") String name) {
        return whenRebuilt(() -> {
            Optional<ModelHistory> history = state.registry().model(name);
            if (history.isEmpty()) {
                return catalogs.spec(name).isPresent() ? ok(java.util.List.of()) : unknown(name);
            }
            return ok(history.get().versions().stream().map(VersionView::of).toList());
        });
    }

    @GET
    @Path("/{name}/champion")
    @Operation(summary = "The current champion as published on ct.model.promoted.v1")
    public Response champion(@PathParam("name") String name) {
        return whenRebuilt(() -> state.registry().promoted(name).map(ModelsResource::ok)
                .orElseGet(() -> Problem.notFound("model '" + name + "' has no champion"
                        + (catalogs.spec(name).isPresent() || state.registry().model(name).isPresent()
                        ? " yet: no version has passed its gates and been promoted"
                        : ": no such model is registered"))));
    }

    @GET
    @Path("/{name}/versions/{version}")
    @Operation(summary = "One version with its lineage, verdict and stage history")
    public Response version(@PathParam("name") String name, @PathParam("version") int version) {
        return read(name, history -> ok(VersionView.of(history.requireVersion(version))));
    }

    @GET
    @Path("/{name}/versions/{version}/lineage")
    @Operation(summary = "What a version was built from and how it was judged",
            description = "Dataset id and example offsets, spec hash, hyperparameters, seed, code version, artifact, "
                    + "the evaluation with its report references (JSON and HTML) and a gates summary, and its stages.")
    public Response lineage(@PathParam("name") String name, @PathParam("version") int version) {
        return read(name, history -> ok(VersionLineage.of(name, history.requireVersion(version))));
    }

    @GET
    @Path("/{name}/history")
    @Operation(summary = "Every champion change: version, previous version, when, who or what, why")
    public Response history(@PathParam("name") String name) {
        return read(name, history -> ok(new History(name, history.championVersion(), history.championChanges())));
    }

    @GET
    @Path("/{name}/aliases")
    @Operation(summary = "Aliases: champion, challenger (newest passed version newer than the champion), user-defined")
    public Response aliases(@PathParam("name") String name) {
        return read(name, history -> ok(new Aliases(name, history.allAliases())));
    }

    @PUT
    @Path("/{name}/aliases/{alias}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Point a user-defined alias at a version (role operator)",
            description = "Body {\"version\": 3}. champion and challenger are maintained by the registry.")
    @APIResponse(responseCode = "200", description = "the alias change (or the alias unchanged)")
    @APIResponse(responseCode = "400", description = "no version in the body, or an invalid or reserved alias", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "unknown model or version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "202", description = "written but not read back in time: recorded, not yet confirmed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Unconfirmed.class)))
    public Response setAlias(@PathParam("name") String name, @PathParam("alias") String alias,
                             @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                     schema = @Schema(implementation = AliasRequest.class))) String body) {
        AliasRequest request = body(body, AliasRequest.class);
        if (request == null || request.version() == null) {
            return Problem.invalidRequest("send {\"version\": <n>}: the version the alias points to");
        }
        String user = user();
        return change(name, registry -> registry.setAlias(name, alias, request.version(), user));
    }

    @DELETE
    @Path("/{name}/aliases/{alias}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Remove a user-defined alias (role operator)")
    @APIResponse(responseCode = "200", description = "the alias removed")
    @APIResponse(responseCode = "404", description = "unknown model or alias", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "202", description = "written but not read back in time: recorded, not yet confirmed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Unconfirmed.class)))
    public Response removeAlias(@PathParam("name") String name, @PathParam("alias") String alias) {
        String user = user();
        return change(name, registry -> Optional.of(registry.removeAlias(name, alias, user)));
    }

    @POST
    @Path("/{name}/versions/{version}/approve")
    @RolesAllowed(Roles.APPROVER)
    @Operation(summary = "Approve a version that passed its gates: it becomes champion (role approver)")
    @APIResponse(responseCode = "200", description = "champion; a ModelPromoted was published")
    @APIResponse(responseCode = "404", description = "unknown model or version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "not evaluated, failed (override instead) or already champion", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "202", description = "written but not read back in time: recorded, not yet confirmed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Unconfirmed.class)))
    public Response approve(@PathParam("name") String name, @PathParam("version") int version) {
        String user = user();
        return change(name, registry -> Optional.of(registry.approve(name, version, user)));
    }

    @POST
    @Path("/{name}/versions/{version}/override")
    @RolesAllowed(Roles.APPROVER)
    @Operation(summary = "Promote a version that failed its gates, with a written justification (role approver)",
            description = "Body {\"justification\": \"...\"}, required; kept in the lifecycle event and the history.")
    @APIResponse(responseCode = "200", description = "champion; a ModelPromoted was published")
    @APIResponse(responseCode = "400", description = "no justification", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "unknown model or version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "not evaluated, passed (approve instead) or already champion", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "202", description = "written but not read back in time: recorded, not yet confirmed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Unconfirmed.class)))
    public Response override(@PathParam("name") String name, @PathParam("version") int version,
                             @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                     schema = @Schema(implementation = OverrideRequest.class))) String body) {
        OverrideRequest request = body(body, OverrideRequest.class);
        String user = user();
        return change(name, registry -> Optional.of(registry.override(name, version, user,
                request == null ? null : request.justification())));
    }

    @POST
    @Path("/{name}/rollback")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Roll back to the previous champion, or to ?to=<version> (role operator)",
            description = "Optional body {\"reason\": \"...\"}. A named target must have been champion before and be "
                    + "older than the current champion (otherwise approve or override it); a ModelPromoted is "
                    + "published for it.")
    @APIResponse(responseCode = "200", description = "champion; a ModelPromoted was published")
    @APIResponse(responseCode = "404", description = "unknown model or version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "no earlier champion, or the target was never champion or is newer than the champion", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "202", description = "written but not read back in time: recorded, not yet confirmed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Unconfirmed.class)))
    public Response rollback(@PathParam("name") String name,
                             @Parameter(description = "the version to roll back to") @QueryParam("to") Integer to,
                             @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                     schema = @Schema(implementation = RollbackRequest.class))) String body) {
        RollbackRequest request = body(body, RollbackRequest.class);
        String user = user();
        return change(name, registry -> Optional.of(registry.rollback(name, to, user,
                request == null ? null : request.reason())));
    }

    private Response change(String name, Function<Registry, Optional<ModelLifecycleChanged>> decision) {
        return whenRebuilt(() -> {
            Optional<ModelLifecycleChanged> applied;
            try {
                applied = state.decide(name, decision);
            } catch (ReadBackTimeout e) {
                LOG.warnf("decision for %s recorded but not confirmed: %s", name, e.getMessage());
                return Response.accepted(Json.encode(Unconfirmed.of(e.event(), e.getMessage() + ": recorded, not yet "
                        + "confirmed; it applies unless another instance's event took its position first. Read "
                        + "GET /api/models/" + name + "/history (or the version) before repeating the request")))
                        .type(MediaType.APPLICATION_JSON).build();
            } catch (IllegalStateException e) {
                LOG.errorf(e, "decision for %s failed", name);
                return Problem.unavailable(e.getMessage() + "; try again");
            }
            Integer champion = state.registry().model(name).map(ModelHistory::championVersion).orElse(null);
            return applied.map(e -> ok(Change.of(e, champion)))
                    .orElseGet(() -> ok(Map.of("model", name, "changed", false)));
        });
    }

    private Response read(String name, Function<ModelHistory, Response> view) {
        return whenRebuilt(() -> state.registry().model(name).map(view)
                .orElseGet(() -> catalogs.spec(name).isPresent()
                        ? Problem.notFound("'" + name + "' has no versions yet") : unknown(name)));
    }

    /** {@code answer}, once the registry is rebuilt from its log; 503 (rebuilding) until then. */
    private Response whenRebuilt(Supplier<Response> answer) {
        return state.isRebuilt() ? answer.get() : Problem.rebuilding();
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    private static <T> T body(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Json.decode(body, type);
        } catch (InvalidEventException e) {
            throw RegistryRefusal.invalid("the body is not the JSON expected: " + e.getMessage());
        }
    }

    /** Read-your-write: the spec just published is served by GET once this returns (bounded wait). */
    private void awaitReadable(String name, String hash) {
        long deadline = System.nanoTime() + config.specReadBackWait().toNanos();
        synchronized (specsChanged) {
            while (!catalogs.spec(name).map(ModelSpecs::hash).filter(hash::equals).isPresent()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    LOG.warnf("spec of %s published but not read back within %s", name, config.specReadBackWait());
                    return;
                }
                try {
                    specsChanged.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static Response unknown(String name) {
        return Problem.notFound("no model '" + name + "' is registered: PUT its spec to /api/models/" + name);
    }

    private static Response ok(Object body) {
        return Response.ok(Json.encode(body), MediaType.APPLICATION_JSON).build();
    }
}
