package io.driftloop.trainer.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.artifacts.ArtifactStore;
import io.driftloop.contracts.dataset.Dataset;
import io.driftloop.contracts.events.TrialCheckpointed;
import io.driftloop.contracts.events.TrialRequested;
import io.driftloop.contracts.model.ModelArtifactCodec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.kit.Inbound;
import io.driftloop.trainer.config.TrainerConfig;
import io.driftloop.trainer.domain.CandidateTrainer;
import io.driftloop.trainer.domain.Dl4jLearner;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * A member's share of the trainer group's searches: ct.training.trials.v1 (group {@code trainer-trials})
 * → each {@link TrialRequested} trains its trial to the epoch asked, from the trial's latest checkpoint,
 * checkpointing as it goes and at that epoch (the answer the search waits for); checkpoint records are
 * passed over. One trial at a time, the offset committed once the answer is saved: a member killed
 * mid-trial leaves the request to another, which goes on from the last checkpoint. A request already
 * answered (its checkpoint exists) is not trained again.
 *
 * <p>A trial may take longer than {@code max.poll.interval.ms}: the connector polls on its own thread
 * while the trial trains on a worker thread (the partition paused meanwhile), so the member keeps its
 * partitions; {@code throttled.unprocessed-record-max-age.ms=-1} keeps the long trial from being
 * reported as a stuck consumer.
 */
@ApplicationScoped
public class TrialRequestConsumer {

    private static final Logger LOG = Logger.getLogger(TrialRequestConsumer.class);

    private final Inbound inbound;
    private final ArtifactStore store;
    private final TrialCheckpoints checkpoints;
    private final DatasetReadyConsumer progress;
    private final TrainerConfig config;
    private final MeterRegistry meters;
    private final Dl4jLearner learner;
    private final Clock clock = Clock.systemUTC();
    // a search's requests come in runs on the same dataset and champion: the last of each is kept
    private volatile Map.Entry<String, Dataset> lastDataset;
    private volatile CandidateTrainer.Parent lastParent;

    public TrialRequestConsumer(Inbound inbound, ArtifactStore store, TrialCheckpoints checkpoints,
                                DatasetReadyConsumer progress, TrainerConfig config, MeterRegistry meters) {
        this.inbound = inbound;
        this.store = store;
        this.checkpoints = checkpoints;
        this.progress = progress;
        this.config = config;
        this.meters = meters;
        this.learner = new Dl4jLearner(config.threads());
    }

    @Incoming("trial-requests")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbound.handle(record, TrialRequestConsumer::decode, request -> request.ifPresent(this::train));
    }

    /** A request, or empty for the topic's other records (checkpoints). */
    static Optional<TrialRequested> decode(String json) {
        return kind(json).equals(TrialRequested.KIND)
                ? Optional.of(Json.decode(json, TrialRequested.class).validate())
                : Optional.empty();
    }

    /**
     * The kind of a ct.training.trials.v1 record, {@value TrialRequested#KIND} or
     * {@value TrialCheckpointed#KIND}; {@link InvalidEventException} for anything else.
     */
    static String kind(String json) {
        String kind = Json.decode(json, JsonNode.class).path("kind").asText();
        if (!TrialRequested.KIND.equals(kind) && !TrialCheckpointed.KIND.equals(kind)) {
            throw new InvalidEventException("not a trial record: kind '" + kind + "' is neither "
                    + TrialRequested.KIND + " nor " + TrialCheckpointed.KIND);
        }
        return kind;
    }

    void train(TrialRequested request) {
        if (checkpoints.has(request.trialId(), request.epoch())) {
            LOG.debugf("trial %s of %s is at epoch %d already", request.trialId(), request.model(), request.epoch());
            return;
        }
        if (!ModelSpecs.hash(request.spec()).equals(request.specHash())) {
            throw new InvalidEventException("the request's spec hashes to " + ModelSpecs.hash(request.spec())
                    + ", not its specHash " + request.specHash());
        }
        Dataset dataset = dataset(request);
        Optional<CandidateTrainer.Parent> parent = request.parent() == null ? Optional.empty()
                : Optional.of(parent(request));
        LOG.infof("training trial %s of %s to epoch %d (dataset %s)", request.trialId(), request.model(),
                request.epoch(), request.datasetId());
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        new CandidateTrainer(learner, clock, config.codeVersion(), checkpoints.of(request.ready()),
                config.checkpointEvery())
                .trainTrial(request.spec(), request.specHash(), request.datasetId(), dataset, parent, request.trialId(),
                        request.epoch(), epoch -> sent.add(progress.publishProgress(request.ready(), request.trialId(),
                                epoch)));
        // every progress event acknowledged before the request is committed: none is lost
        DatasetReadyConsumer.awaitAll(sent);
        meters.counter("driftloop.trainer.trials", "model", request.model()).increment();
    }

    /** The request's dataset, read, checked and decoded once for the run of requests of one search. */
    private Dataset dataset(TrialRequested request) {
        Map.Entry<String, Dataset> last = lastDataset;
        if (last == null || !last.getKey().equals(request.datasetId())) {
            last = Map.entry(request.datasetId(), DatasetReadyConsumer.readDataset(store, request.ready()));
            lastDataset = last;
        }
        return last.getValue();
    }

    /** The champion a request's warm start continues from, read and decoded once per artifact. */
    private CandidateTrainer.Parent parent(TrialRequested request) {
        CandidateTrainer.Parent last = lastParent;
        if (last == null || !last.sha256().equals(request.parent().sha256())) {
            last = new CandidateTrainer.Parent(request.parentVersion(), request.parent().sha256(),
                    ModelArtifactCodec.decode(store.get(request.parent())));
            lastParent = last;
        }
        return last;
    }
}
