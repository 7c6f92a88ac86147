package io.driftloop.trainer.messaging;

import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.TrialRequested;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.trainer.config.TrainerConfig;
import io.driftloop.trainer.domain.TrialPool;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The trainer group as a {@link TrialPool}: a stage's trials are asked for as {@link TrialRequested}
 * records on ct.training.trials.v1 (key = trial id, so they spread over the partitions and hence
 * over the members), and the stage is done when {@link TrialCheckpoints} has read a checkpoint
 * labelled with the stage's epoch for each. A trial already checkpointed there is not asked for
 * again, so a search taken over by another member after a crash asks only for what is missing.
 */
@ApplicationScoped
public class TrialRequests {

    private static final Logger LOG = Logger.getLogger(TrialRequests.class);

    private final TrialCheckpoints checkpoints;
    private final TrainerConfig config;
    private final Clock clock = Clock.systemUTC();

    public TrialRequests(TrialCheckpoints checkpoints, TrainerConfig config) {
        this.checkpoints = checkpoints;
        this.config = config;
    }

    /** The pool of the search {@code ready} asked for, under {@code spec}, warm-starting from {@code champion}. */
    public TrialPool of(DatasetReady ready, ModelSpec spec, String specHash, Optional<ModelPromoted> champion) {
        return epochs -> {
            for (Map.Entry<String, Integer> trial : epochs.entrySet()) {
                String trialId = trial.getKey();
                int epoch = trial.getValue();
                if (checkpoints.has(trialId, epoch)) {
                    continue;
                }
                String eventId = UUID.nameUUIDFromBytes((trialId + "/request/" + epoch)
                        .getBytes(StandardCharsets.UTF_8)).toString();
                TrialRequested request = new TrialRequested(eventId, ready.eventId(), ready.model(), ready.datasetId(),
                        trialId, TrialRequested.KIND, epoch, ready, spec, specHash,
                        champion.map(ModelPromoted::version).orElse(null),
                        champion.map(ModelPromoted::artifact).orElse(null), clock.instant());
                checkpoints.send(trialId, eventId, ready.eventId(), request);
            }
            LOG.infof("search of %s on dataset %s: %d trial(s) asked of the trainer group, to epochs %s",
                    ready.model(), ready.datasetId(), epochs.size(), new TreeSet<>(epochs.values()));
            try {
                List<String> missing = checkpoints.await(epochs, config.trialTimeout());
                if (!missing.isEmpty()) {
                    throw new IllegalStateException(missing.size() + " trial(s) of the search of dataset "
                            + ready.datasetId() + " were not trained to their epochs " + epochs + " within "
                            + config.trialTimeout() + ": " + missing);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the trials of " + ready.datasetId(), e);
            }
        };
    }
}
