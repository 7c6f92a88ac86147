package io.driftloop.console.api;

import io.driftloop.console.messaging.DeadLetterReader;
import io.driftloop.console.messaging.LagMonitor;
import io.driftloop.console.messaging.RegistryRedrive;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dead letters, at {@code /dead-letters}: each {@code .dlq} topic with its count, and per topic
 * its newest records (at most 200) with the reason, the service that dead-lettered it, its source
 * topic, partition and offset, and its key and value shown escaped, as text.
 */
@Path("/dead-letters")
public class DeadLettersPage {

    static final int MAX = 200;
    /** Asks the browser for the registry operator's user and password. */
    static final String CHALLENGE = "Basic realm=\"Driftloop registry (operator)\", charset=\"UTF-8\"";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance topics(Map<String, Long> counts);

        static native TemplateInstance letters(String topic, long count, List<DeadLetterReader.Letter> letters,
                                               int limit);

        static native TemplateInstance redriven(String topic, RegistryRedrive.Answer answer);
    }

    private final LagMonitor lag;
    private final DeadLetterReader reader;
    private final RegistryRedrive registry;

    public DeadLettersPage(LagMonitor lag, DeadLetterReader reader, RegistryRedrive registry) {
        this.lag = lag;
        this.reader = reader;
        this.registry = registry;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance topics() {
        return Templates.topics(lag.snapshot().deadLetters());
    }

    @GET
    @Path("{topic}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance letters(@PathParam("topic") String topic, @QueryParam("limit") @DefaultValue("50") int limit) {
        Map<String, Long> counts = lag.snapshot().deadLetters();
        if (!counts.containsKey(topic)) {
            throw new NotFoundException("no dead-letter topic '" + topic + "'");
        }
        int n = Math.max(1, Math.min(MAX, limit));
        return Templates.letters(topic, counts.get(topic), reader.newest(topic, n), n);
    }

    /**
     * Re-drives the records ticked on a topic's page ({@code record=<partition>:<offset>}, repeated)
     * through the registry, as the operator whose HTTP Basic credentials come with the request: without
     * them the browser is asked for them (401); the registry checks the operator role. Only a form
     * posted from the console's own page is taken: a request whose Origin is not this console's, is
     * "null" (a sandboxed frame, a data: URL) or absent is refused, so a page elsewhere cannot
     * re-drive with an operator's remembered credentials.
     */
    @POST
    @Path("{topic}/redrive")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response redrive(@PathParam("topic") String topic, @FormParam("record") List<String> records,
                            @HeaderParam("Authorization") String authorization, @HeaderParam("Origin") String origin,
                            @Context UriInfo uri) {
        // the authority the request was sent to: its Host header, or HTTP/2's :authority
        String host = uri.getRequestUri().getRawAuthority();
        if (origin == null || host == null || !sameHost(origin, host)) {
            return page(Response.Status.FORBIDDEN, topic, "a re-drive must be asked from this console's own page"
                    + (origin == null ? " (the request names no Origin)" : ", not from " + origin));
        }
        if (authorization == null || authorization.isBlank()) {
            return Response.status(Response.Status.UNAUTHORIZED)
                    .header("WWW-Authenticate", CHALLENGE)
                    .entity(Templates.redriven(topic, new RegistryRedrive.Answer(401, null, List.of(),
                            "re-driving needs an operator of the registry: sign in with its user and password")))
                    .type(MediaType.TEXT_HTML).build();
        }
        List<RegistryRedrive.Position> positions = new ArrayList<>();
        for (String r : records == null ? List.<String>of() : records) {
            String[] parts = r.split(":", 2);
            try {
                positions.add(new RegistryRedrive.Position(Integer.parseInt(parts[0].strip()), Long.parseLong(parts[1].strip())));
            } catch (RuntimeException e) {
                return page(Response.Status.BAD_REQUEST, topic, "'" + r + "' is not a record's <partition>:<offset>");
            }
        }
        if (positions.isEmpty()) {
            return page(Response.Status.BAD_REQUEST, topic, "tick at least one record to re-drive");
        }
        RegistryRedrive.Answer answer = registry.redrive(topic, positions, authorization);
        Response.ResponseBuilder response = Response.status(answer.status())
                .entity(Templates.redriven(topic, answer)).type(MediaType.TEXT_HTML);
        if (answer.status() == 401) {
            response.header("WWW-Authenticate", CHALLENGE);
        }
        return response.build();
    }

    private static Response page(Response.Status status, String topic, String problem) {
        return Response.status(status).entity(Templates.redriven(topic,
                new RegistryRedrive.Answer(status.getStatusCode(), null, List.of(), problem))).type(MediaType.TEXT_HTML).build();
    }

    /** Whether an Origin ({@code http://host:port}) names the Host the request was sent to. */
    static boolean sameHost(String origin, String host) {
        int scheme = origin.indexOf("://");
        return scheme >= 0 && origin.substring(scheme + 3).replaceAll("/+$", "").equalsIgnoreCase(host);
    }
}
