package io.driftloop.dataprep.messaging;

import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.artifacts.ArtifactStore;
import io.driftloop.contracts.dataset.DatasetCodec;
import io.driftloop.contracts.dataset.Dataset;
import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.DatasetCut;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.OffsetRange;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.dataprep.config.DataPrepConfig;
import io.driftloop.dataprep.domain.DatasetBuilder;
import io.driftloop.dataprep.domain.RecordedCut;
import io.driftloop.kit.Catalogs;
import io.driftloop.kit.EventMessages;
import io.driftloop.kit.Inbound;
import io.driftloop.kit.SeenIds;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * ct.retrain.requested.v1 → waits until the labelled examples are enough for every gate to decide
 * ({@link io.driftloop.dataprep.domain.SizingRule}), or the spec's deadline → records the cut on
 * {@value CutLog#TOPIC} (a request handled again rebuilds the recorded cut) → reads their exact offsets →
 * {@link DatasetBuilder} → artifact store → ct.dataset.ready.v1. Requests wait concurrently
 * (unordered); the offset of a request is committed only once its dataset is published.
 */
@ApplicationScoped
public class RetrainRequestConsumer {

    private static final Logger LOG = Logger.getLogger(RetrainRequestConsumer.class);

    private final Inbound inbound;
    private final Catalogs catalogs;
    private final ExampleLog log;
    private final CutLog cuts;
    private final ExampleReader reader;
    private final ArtifactStore store;
    private final DataPrepConfig config;
    private final MutinyEmitter<String> datasets;
    private final SeenIds handled = new SeenIds(10_000);

    public RetrainRequestConsumer(Inbound inbound, Catalogs catalogs, ExampleLog log, CutLog cuts, ExampleReader reader,
                                  ArtifactStore store, DataPrepConfig config,
                                  @Channel("datasets") MutinyEmitter<String> datasets) {
        this.inbound = inbound;
        this.catalogs = catalogs;
        this.log = log;
        this.cuts = cuts;
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
        String what = "retrain request " + request.eventId() + " for " + request.model() + " (" + request.trigger()
                + (request.attemptNumber() > 1 ? ", attempt " + request.attemptNumber() : "") + ")";
        RecordedCut cut = cuts.recorded(request.eventId()).orElse(null);
        if (cut != null) {
            LOG.infof("%s: rebuilding the cut recorded before (%s, %d ranges)", what, cut.strategy(), cut.ranges().size());
        } else {
            cut = decide(request, spec, what);
            // decided once: a request handled again after a crash rebuilds this cut
            cuts.record(cut);
        }
        List<OffsetRange> ranges = cut.ranges();
        DatasetBuilder.Built built = DatasetBuilder.build(spec, ranges, reader.read(request.model(), ranges),
                cut.strategy(), request.dataSince());
        DatasetCut decided = DatasetBuilder.cut(spec, built, cut.strategy(), request.dataSince(), cut.parentVersion(),
                cut.parentSha256(), cut.dataFrom());
        ArtifactRef dataset = store.put(built.bytes(), Dataset.FORMAT);
        ArtifactRef profile = store.put(DatasetCodec.encode(built.profile()), ReferenceProfile.FORMAT);
        DatasetReady ready = DatasetBuilder.ready(request, built, dataset, profile, cut.sizing(), decided, Instant.now());
        datasets.sendMessageAndAwait(EventMessages.event("data-prep", Topics.DATASET_READY, ready.model(),
                ready.eventId(), ready.causationId(), ready));
        handled.firstTime(request.eventId());
        LOG.infof("dataset %s of %s: %d rows (train %d, validation %d, test %d) from %s; %s", built.datasetId(),
                request.model(), built.counts().total(), built.counts().train(), built.counts().validation(),
                built.counts().test(), ranges, (cut.sizing().sufficient() ? "every gate can decide"
                        : "cut at the deadline, still short of " + cut.sizing().shortfalls()) + "; " + decided.strategy()
                        + " (" + decided.postDriftRows() + " rows since the drift point, " + decided.preDriftRows()
                        + " before it)");
    }

    /** Waits for the examples the spec's sizing asks for (or its deadline) and decides the cut, under the champion now. */
    private RecordedCut decide(RetrainRequested request, ModelSpec spec, String what) {
        int min = request.minExamples();
        LOG.infof("%s: sizing a dataset from the labelled examples since %s so every gate can decide (at least %d; "
                + "cutting what there is after %s)", what, request.dataSince(), min, spec.training().dataDeadline());
        // a recency-weighted dataset starts where the champion it replaces took over
        Instant from = spec.training().data().strategy() == io.driftloop.contracts.spec.DataStrategy.RECENCY_WEIGHTED
                ? catalogs.champion(request.model()).map(ModelPromoted::promotedAt).orElse(null) : null;
        ExampleLog.Cut cut;
        try {
            cut = log.awaitCut(request.model(), request.dataSince(), from, spec, min, config.requestTimeout(),
                    line -> LOG.infof("%s: %s", what, line))
                    .orElseThrow(() -> new InvalidEventException("only " + log.count(request.model(), request.dataSince())
                            + " labelled examples of '" + request.model() + "' since " + request.dataSince()
                            + " after waiting " + config.requestTimeout() + "; " + min + " needed"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for examples", e);
        }
        Optional<ModelPromoted> champion = catalogs.champion(request.model());
        return new RecordedCut(request.eventId(), request.model(), cut.ranges(), cut.strategy(), cut.sizing(),
                champion.map(ModelPromoted::version).orElse(null), champion.map(c -> c.artifact().sha256()).orElse(null),
                from);
    }
}
