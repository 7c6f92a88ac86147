package io.driftloop.trainer.messaging;

import io.driftloop.contracts.Hashing;
import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.artifacts.ArtifactStore;
import io.driftloop.contracts.dataset.Dataset;
import io.driftloop.contracts.dataset.DatasetCodec;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.events.TrainingProgress;
import io.driftloop.contracts.model.ModelArtifact;
import io.driftloop.contracts.model.ModelArtifactCodec;
import io.driftloop.contracts.model.TrialReport;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.kit.Catalogs;
import io.driftloop.kit.EventMessages;
import io.driftloop.kit.Inbound;
import io.driftloop.trainer.config.TrainerConfig;
import io.driftloop.trainer.domain.Candidate;
import io.driftloop.trainer.domain.CandidateTrainer;
import io.driftloop.trainer.domain.Dl4jLearner;
import io.driftloop.trainer.domain.EpochReport;
import io.driftloop.trainer.domain.TrainingEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * ct.dataset.ready.v1 → spec from ct.model.specs.v1, champion from ct.model.promoted.v1 (a warm start's
 * parent) → dataset artifact → {@link CandidateTrainer} (DL4J: from scratch and warm-started, the better
 * on validation chosen) → model artifact → ct.model.trained.v1, with one ct.training.progress.v1 event
 * per epoch of each trial and its checkpoints on ct.training.trials.v1.
 * One dataset at a time, in order; the offset is committed once the candidate is announced. A
 * candidate already announced is not trained again.
 */
@ApplicationScoped
public class DatasetReadyConsumer {

    private static final Logger LOG = Logger.getLogger(DatasetReadyConsumer.class);
    static final String SERVICE = "trainer";

    private final Inbound inbound;
    private final Catalogs catalogs;
    private final ArtifactStore store;
    private final TrainedCandidates trained;
    private final CandidateTrainer trainer;
    private final Dl4jLearner learner;
    private final TrialCheckpoints checkpoints;
    private final TrialRequests requests;
    private final TrainerConfig config;
    private final MutinyEmitter<String> progress;
    private final MutinyEmitter<String> models;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    public DatasetReadyConsumer(Inbound inbound, Catalogs catalogs, ArtifactStore store, TrainedCandidates trained,
                                TrialCheckpoints checkpoints, TrialRequests requests, TrainerConfig config,
                                MeterRegistry meters,
                                @Channel("progress") MutinyEmitter<String> progress,
                                @Channel("models") MutinyEmitter<String> models) {
        this.inbound = inbound;
        this.catalogs = catalogs;
        this.store = store;
        this.trained = trained;
        this.learner = new Dl4jLearner(config.threads());
        this.trainer = new CandidateTrainer(learner, clock, config.codeVersion());
        this.checkpoints = checkpoints;
        this.requests = requests;
        this.config = config;
        this.progress = progress;
        this.models = models;
        this.meters = meters;
    }

    @Incoming("datasets")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbound.handle(record, json -> Json.decode(json, DatasetReady.class).validate(), this::train);
    }

    void train(DatasetReady ready) {
        ModelSpec spec = catalogs.requireSpec(ready.model());
        String specHash = ModelSpecs.hash(spec);
        if (!specHash.equals(ready.specHash())) {
            LOG.warnf("dataset %s of %s was cut under spec %s; training with the current spec %s",
                    ready.datasetId(), ready.model(), ready.specHash(), specHash);
        }
        Optional<ModelPromoted> champion = catalogs.champion(ready.model());
        List<String> candidateIds = trainer.candidateIds(spec, specHash, ready.datasetId(),
                champion.map(c -> c.artifact().sha256()));
        Optional<String> done = candidateIds.stream().filter(trained::contains).findFirst();
        if (done.isPresent()) {
            LOG.infof("candidate %s of %s (dataset %s, event %s) was trained already, ignoring the replay",
                    done.get(), ready.model(), ready.datasetId(), ready.eventId());
            meters.counter("driftloop.trainer.candidates", "model", ready.model(), "outcome", "replay").increment();
            return;
        }
        // the champion's artifact is read only for a dataset that is trained
        Optional<CandidateTrainer.Parent> parent = champion.flatMap(this::parent);
        Dataset dataset = readDataset(store, ready);
        LOG.infof("training candidates %s of %s on dataset %s (%d rows; event %s, cause %s)%s", candidateIds,
                ready.model(), ready.datasetId(), dataset.rows().size(), ready.eventId(), ready.causationId(),
                parent.map(p -> "; the warm start continues from champion v" + p.version()).orElse(""));

        // each trial checkpoints as it goes: trained again after a crash, the search goes on from there
        // with distributed on, each stage's trials are asked of the trainer group (this member included)
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        CandidateTrainer search = new CandidateTrainer(learner, clock, config.codeVersion(), checkpoints.of(ready),
                config.checkpointEvery(), config.distributed() ? requests.of(ready, spec, specHash, champion) : null);
        Candidate candidate = search.train(spec, specHash, ready.datasetId(), dataset, parent,
                id -> epoch -> sent.add(publishProgress(ready, id, epoch)));
        awaitAll(sent);
        candidate.trials().stream().filter(t -> t.note() != null)
                .forEach(t -> LOG.infof("%s trial %s of %s: %s%s", t.kind(), t.candidateId(), ready.model(), t.note(),
                        t.chosen() ? " (chosen)" : ""));
        String candidateId = candidate.candidateId();

        ArtifactRef artifact = store.put(ModelArtifactCodec.encode(candidate.artifact()), ModelArtifact.FORMAT);
        ArtifactRef report = candidate.report() == null ? null
                : store.put(Json.encodeBytes(candidate.report()), TrialReport.FORMAT);
        ModelTrained event = TrainingEvents.trained(ready, candidate, artifact, report, trainer.codeVersion(),
                clock.instant());
        models.sendMessageAndAwait(EventMessages.event(SERVICE, Topics.MODEL_TRAINED, event.model(), event.eventId(),
                event.causationId(), event));
        trained.add(candidateId);

        meters.counter("driftloop.trainer.candidates", "model", ready.model(), "outcome", "trained").increment();
        meters.timer("driftloop.trainer.training", "model", ready.model())
                .record(Duration.ofNanos((long) (candidate.metrics().get("seconds") * 1e9)));
        LOG.infof("trained candidate %s of %s: %s; artifact %s", candidateId, ready.model(), candidate.metrics(),
                artifact.uri());
    }

    /**
     * The model's champion as a warm start's parent, when its artifact can be read; empty (the
     * warm start is skipped, and said so) when there is none or it cannot be read.
     */
    private Optional<CandidateTrainer.Parent> parent(ModelPromoted c) {
        try {
            ModelArtifact artifact = ModelArtifactCodec.decode(store.get(c.artifact()));
            return Optional.of(new CandidateTrainer.Parent(c.version(), c.artifact().sha256(), artifact));
        } catch (RuntimeException e) {
            LOG.warnf("champion v%d of %s cannot be read for a warm start (%s); training from scratch only",
                    c.version(), c.model(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The dataset {@code ready} names, its content checked against its id. */
    static Dataset readDataset(ArtifactStore store, DatasetReady ready) {
        byte[] bytes = store.get(ready.dataset());
        String contentId = Hashing.contentId(bytes);
        if (!contentId.equals(ready.datasetId())) {
            throw new InvalidEventException("dataset artifact " + ready.dataset().uri() + " holds " + contentId
                    + ", not the announced datasetId " + ready.datasetId());
        }
        return DatasetCodec.decodeDataset(bytes);
    }

    /**
     * Publishes an epoch's progress without waiting for the broker (a round trip per epoch would cost
     * more than the epoch); the caller awaits every send with {@link #awaitAll} before it commits.
     */
    CompletableFuture<Void> publishProgress(DatasetReady ready, String candidateId, EpochReport epoch) {
        LOG.infof("candidate %s of %s: epoch %d/%d train loss %.5f validation loss %s%s", candidateId, ready.model(),
                epoch.epoch(), epoch.maxEpochs(), epoch.trainLoss(),
                epoch.validationLoss() == null ? "-" : String.format("%.5f", epoch.validationLoss()),
                epoch.best() ? " (best)" : "");
        TrainingProgress event = TrainingEvents.progress(ready, candidateId, epoch, clock.instant());
        return progress.sendMessage(EventMessages.event(SERVICE, Topics.TRAINING_PROGRESS, event.model(),
                event.eventId(), event.causationId(), event)).subscribeAsCompletionStage();
    }

    /** Waits for every send of {@code sent}; the first failure is thrown as it was raised. */
    static void awaitAll(List<CompletableFuture<Void>> sent) {
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
