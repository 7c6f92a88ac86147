package io.driftloop.contracts.events;

import static io.driftloop.contracts.InvalidEventException.require;

import io.driftloop.contracts.spec.ModelSpec;
import java.time.Instant;

/**
 * A search asks the trainer group to train one trial to {@code epoch}, on
 * {@code ct.training.trials.v1} (key = the trial's candidate id, so trials spread over the
 * partitions and a trial's records stay in order). Whichever member takes it trains the trial from
 * its latest checkpoint and saves a checkpoint labelled {@code epoch} ({@link TrialCheckpointed}):
 * that is the answer the search waits for. {@code kind} is {@value #KIND}.
 *
 * @param eventId       unique, derived from the trial and the epoch
 * @param causationId   the {@code DatasetReady} whose search asks
 * @param model         the model
 * @param datasetId     the dataset searched on
 * @param trialId       the trial's candidate id
 * @param kind          {@value #KIND}
 * @param epoch         the epoch to train the trial to
 * @param ready         the {@code DatasetReady} (the dataset, its lineage)
 * @param spec          the spec the search runs under (its plan names the trial)
 * @param specHash      that spec's hash
 * @param parentVersion the champion a warm start continues from, null otherwise
 * @param parent        that champion's artifact, null otherwise
 * @param at            when it was asked
 */
public record TrialRequested(String eventId, String causationId, String model, String datasetId, String trialId,
                             String kind, int epoch, DatasetReady ready, ModelSpec spec, String specHash,
                             Integer parentVersion, ArtifactRef parent, Instant at) {

    public static final String KIND = "request";

    public TrialRequested validate() {
        require(eventId, "eventId");
        require(model, "model");
        require(trialId, "trialId");
        require(ready, "ready");
        require(spec, "spec");
        require(specHash, "specHash");
        if (epoch < 1) {
            throw new io.driftloop.contracts.InvalidEventException("epoch must be at least 1, was " + epoch);
        }
        ready.validate();
        return this;
    }
}
