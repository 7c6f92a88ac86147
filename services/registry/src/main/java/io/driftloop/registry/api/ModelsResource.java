package io.driftloop.registry.api;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.contracts.spec.SpecValidationException;
import io.driftloop.kit.Catalogs;
import io.driftloop.registry.api.ModelViews.ChampionSummary;
import io.driftloop.registry.api.ModelViews.ModelDetail;
import io.driftloop.registry.api.ModelViews.ModelSummary;
import io.driftloop.registry.api.ModelViews.Registered;
import io.driftloop.registry.api.ModelViews.VersionView;
import io.driftloop.registry.config.RegistryConfig;
import io.driftloop.registry.domain.ModelHistory;
import io.driftloop.registry.messaging.LifecyclePublisher;
import io.driftloop.registry.messaging.RegistryState;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * {@code /api/models}: register a spec (published on ct.model.specs.v1), list models, read a
 * model's spec, versions with lineage and verdicts, and its current champion. Errors are RFC 7807
 * problem documents.
 */
@Singleton
@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private static final Logger LOG = Logger.getLogger(ModelsResource.class);

    private final Catalogs catalogs;
    private final RegistryState state;
    private final LifecyclePublisher publisher;
    private final RegistryConfig config;
    private final Object specsChanged = new Object();

    public ModelsResource(Catalogs catalogs, RegistryState state, LifecyclePublisher publisher, RegistryConfig config) {
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
    public Response list() {
        if (!state.isRebuilt()) {
            return Problem.rebuilding();
        }
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
    }

    @GET
    @Path("/{name}")
    public Response model(@PathParam("name") String name) {
        if (!state.isRebuilt()) {
            return Problem.rebuilding();
        }
        Optional<ModelSpec> spec = catalogs.spec(name);
        Optional<ModelHistory> history = state.registry().model(name);
        if (spec.isEmpty() && history.isEmpty()) {
            return unknown(name);
        }
        return ok(new ModelDetail(name, spec.map(ModelSpecs::hash).orElse(null), spec.orElse(null),
                history.map(ChampionSummary::of).orElse(null), history.map(h -> h.versions().size()).orElse(0)));
    }

    @GET
    @Path("/{name}/versions")
    public Response versions(@PathParam("name") String name) {
        if (!state.isRebuilt()) {
            return Problem.rebuilding();
        }
        Optional<ModelHistory> history = state.registry().model(name);
        if (history.isEmpty()) {
            return catalogs.spec(name).isPresent() ? ok(java.util.List.of()) : unknown(name);
        }
        return ok(history.get().versions().stream().map(VersionView::of).toList());
    }

    @GET
    @Path("/{name}/champion")
    public Response champion(@PathParam("name") String name) {
        if (!state.isRebuilt()) {
            return Problem.rebuilding();
        }
        return state.registry().promoted(name).map(ModelsResource::ok)
                .orElseGet(() -> Problem.notFound("model '" + name + "' has no champion"
                        + (catalogs.spec(name).isPresent() || state.registry().model(name).isPresent()
                        ? " yet: no version has passed its gates and been promoted" : ": no such model is registered")));
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
