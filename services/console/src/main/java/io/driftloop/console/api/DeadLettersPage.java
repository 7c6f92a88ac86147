package io.driftloop.console.api;

import io.driftloop.console.messaging.DeadLetterReader;
import io.driftloop.console.messaging.LagMonitor;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance topics(Map<String, Long> counts);

        static native TemplateInstance letters(String topic, long count, List<DeadLetterReader.Letter> letters,
                                               int limit);
    }

    private final LagMonitor lag;
    private final DeadLetterReader reader;

    public DeadLettersPage(LagMonitor lag, DeadLetterReader reader) {
        this.lag = lag;
        this.reader = reader;
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
}
