package io.driftloop.registry.api;

import io.driftloop.contracts.Json;
import io.driftloop.registry.domain.Redrives.Decision;
import io.driftloop.registry.domain.Redrives.Position;
import io.driftloop.registry.messaging.DeadLetterRedrive;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/dead-letters}: an operator sends chosen dead letters back to their source topic once
 * the cause is fixed (a spec registered, a bug deployed away), with their ids, so consumers that saw
 * a record already recognise it.
 */
@Singleton
@Tag(name = "dead letters")
@Path("/api/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {

    /** Positions asked in one request, at most. */
    static final int MAX_RECORDS = 1000;

    /** What to re-drive: positions on one dead-letter topic. */
    public record RedriveRequest(String topic, List<Position> records) {
    }

    /** One position asked: re-driven, or skipped with the reason. */
    public record Outcome(int partition, long offset, boolean redriven, String sourceTopic, Integer sourcePartition,
                          Long sourceOffset, String skipped) {

        static Outcome of(Decision d) {
            var l = d.deadLetter();
            return new Outcome(d.position().partition(), d.position().offset(), d.redrive(),
                    l == null ? null : l.sourceTopic(), l == null ? null : l.sourcePartition(),
                    l == null ? null : l.sourceOffset(), d.skipped());
        }
    }

    /** The answer: the topic re-driven to, how many went, and each position's outcome in the order asked. */
    public record RedriveResult(String topic, String target, long redriven, List<Outcome> records) {
    }

    private final DeadLetterRedrive redrive;
    private final SecurityIdentity identity;

    public DeadLettersResource(DeadLetterRedrive redrive, SecurityIdentity identity) {
        this.redrive = redrive;
        this.identity = identity;
    }

    @POST
    @Path("/redrive")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send dead letters back to their source topic (role operator)",
            description = "Body: {\"topic\": \"ct.inference.v1.dlq\", \"records\": [{\"partition\": 0, \"offset\": 12}]}. "
                    + "Each record goes back to the topic the dead-letter topic is named after, key, value and headers "
                    + "unchanged but for the dl_* headers, with dl_redriven_from; a source record dead-lettered by "
                    + "several services goes back once. The registry's own topics are never re-driven.")
    @APIResponse(responseCode = "200", description = "each position re-driven or skipped with the reason")
    @APIResponse(responseCode = "400", description = "not a dead-letter topic, a topic that is never re-driven, or a bad body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response redrive(String body) {
        RedriveRequest request;
        try {
            request = Json.decode(body, RedriveRequest.class);
        } catch (RuntimeException e) {
            return Problem.invalidRequest("the body must be {\"topic\": \"<topic>.dlq\", \"records\": "
                    + "[{\"partition\": 0, \"offset\": 12}, …]}: " + e.getMessage());
        }
        if (request == null || request.records() == null || request.records().isEmpty()) {
            return Problem.invalidRequest("name at least one record: \"records\": [{\"partition\": 0, \"offset\": 12}]");
        }
        if (request.records().size() > MAX_RECORDS) {
            return Problem.invalidRequest("at most " + MAX_RECORDS + " records per request, not " + request.records().size());
        }
        DeadLetterRedrive.Redriven done;
        try {
            done = redrive.redrive(request.topic(), request.records(), identity.getPrincipal().getName());
        } catch (IllegalArgumentException e) {
            return Problem.invalidRequest(e.getMessage());
        }
        List<Outcome> outcomes = done.decisions().stream().map(Outcome::of).toList();
        return Response.ok(Json.encode(new RedriveResult(request.topic(), done.target(),
                outcomes.stream().filter(Outcome::redriven).count(), outcomes))).build();
    }
}
