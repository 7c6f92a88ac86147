package io.driftloop.dataprep.messaging;

import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.artifacts.ArtifactStore;
import io.driftloop.contracts.dataset.DatasetCodec;
import io.driftloop.contracts.dataset.Dataset;
import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.OffsetRange;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.dataprep.config.DataPrepConfig;
import io.driftloop.dataprep.domain.DatasetBuilder;
import io.driftloop.kit.Catalogs;
import io.driftloop.kit.EventMessages;
import io.driftloop.kit.Inbound;
import io.driftloop.kit.SeenIds;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * ct.retrain.requested.v1 → waits for enough labelled examples → reads their exact offsets →
 * {@link DatasetBuilder} → artifact store → ct.dataset.ready.v1. Requests wait concurrently
 * (unordered); the offset of a request is committed only once its dataset is published.
 */
@ApplicationScoped
public class RetrainRequestConsumer {

    private static final Logger LOG = Logger.getLogger(RetrainRequestConsumer.class);

    private final Inbound inbound;
    private final Catalogs catalogs;
    private final ExampleLog log;
    private final ExampleReader reader;
    private final ArtifactStore store;
    private final DataPrepConfig config;
    private final MutinyEmitter<String> datasets;
    private final SeenIds handled = new SeenIds(10_000);

    public RetrainRequestConsumer(Inbound inbound, Catalogs catalogs, ExampleLog log, ExampleReader reader,
                                  ArtifactStore store, DataPrepConfig config,
                                  @Channel("datasets") MutinyEmitter<String> datasets) {
        this.inbound = inbound;
        this.catalogs = catalogs;
        this.log = log;
        this.reader = reader;
        this.store = store;
        this.config = config;
        this.datasets = datasets;
    }

    @Incoming("retrain-requests")
    @Blocking(ordered = false)
    public void consume(ConsumerRecord<String, String> record) {
        inbound.handle(record, json -> Json.decode(json, RetrainRequested.class).validate(), this::build);
    }

    void build(RetrainRequested request) {
        if (handled.contains(request.eventId())) {
            LOG.infof("retrain request %s already handled, ignoring the replay", request.eventId());
            return;
        }
        ModelSpec spec = catalogs.requireSpec(request.model());
        int min = request.minExamples();
        int max = DatasetBuilder.maxRows(spec, request);
        LOG.infof("retrain request %s for %s (%s): waiting for %d labelled examples since %s",
                request.eventId(), request.model(), request.trigger(), min, request.dataSince());
        List<OffsetRange> ranges;
        try {
            ranges = log.awaitSelection(request.model(), request.dataSince(), min, max, config.requestTimeout())
                    .orElseThrow(() -> new InvalidEventException("only " + log.count(request.model(), request.dataSince())
                            + " labelled examples of '" + request.model() + "' since " + request.dataSince()
                            + " after waiting " + config.requestTimeout() + "; " + min + " needed"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for examples", e);
        }
        DatasetBuilder.Built built = DatasetBuilder.build(spec, ranges, reader.read(request.model(), ranges));
        ArtifactRef dataset = store.put(built.bytes(), Dataset.FORMAT);
        ArtifactRef profile = store.put(DatasetCodec.encode(built.profile()), ReferenceProfile.FORMAT);
        DatasetReady ready = DatasetBuilder.ready(request, built, dataset, profile, Instant.now());
        datasets.sendMessageAndAwait(EventMessages.event("data-prep", Topics.DATASET_READY, ready.model(),
                ready.eventId(), ready.causationId(), ready));
        handled.firstTime(request.eventId());
        LOG.infof("dataset %s of %s: %d rows (train %d, validation %d, test %d) from %s",
                built.datasetId(), request.model(), built.counts().total(), built.counts().train(),
                built.counts().validation(), built.counts().test(), ranges);
    }
}
