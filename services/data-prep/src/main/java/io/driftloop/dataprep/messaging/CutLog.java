package io.driftloop.dataprep.messaging;

import io.driftloop.kit.KafkaClients;
import io.driftloop.contracts.Json;
import io.driftloop.dataprep.domain.RecordedCut;
import io.driftloop.kit.Catalogs;
import io.driftloop.kit.CompactedTable;
import io.driftloop.kit.DeadLetters;
import io.driftloop.kit.EventMessages;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * data-prep's record of every dataset cut, on its private compacted topic {@value #TOPIC} (key =
 * request id), read back from its beginning on every start: a request is cut once, and a request
 * handled again (a crash between the cut and the commit of its offset) rebuilds the recorded cut.
 */
@ApplicationScoped
public class CutLog {

    public static final String TOPIC = "ct.dataset.cuts.v1";

    private final CompactedTable<RecordedCut> table;
    private final MutinyEmitter<String> emitter;

    public CutLog(KafkaClients kafka, DeadLetters deadLetters,
                  @Channel("cuts") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
        // DeadLetters logs what it sends
        this.table = new CompactedTable<>(kafka.consumer(), TOPIC, json -> Json.decode(json, RecordedCut.class),
                (record, e) -> deadLetters.send(record, e.getMessage())).start();
    }

    /**
     * The cut recorded for {@code requestId}, once the record has been read to the end it had at
     * start; throws (the request is retried) when it has not within {@link Catalogs#READY_WAIT}.
     */
    public Optional<RecordedCut> recorded(String requestId) {
        if (!table.awaitCaughtUp(Catalogs.READY_WAIT)) {
            throw new IllegalStateException(TOPIC + " was not read to its end within " + Catalogs.READY_WAIT
                    + "; the request is retried");
        }
        return table.get(requestId);
    }

    /** Writes {@code cut} and waits for the broker's acknowledgement. */
    public void record(RecordedCut cut) {
        emitter.sendMessageAndAwait(EventMessages.keyed("data-prep", TOPIC, cut.requestId(), cut.model(),
                "cut/" + cut.requestId(), cut.requestId(), cut, null));
    }

    @PreDestroy
    void stop() {
        table.close();
    }
}
