package io.driftloop.contracts.events;

import static io.driftloop.contracts.InvalidEventException.require;

import java.time.Instant;
import java.util.Map;

/**
 * A new champion, on the compacted {@code ct.model.promoted.v1} (key = model name), so a late
 * subscriber reads every model's current champion from the start of the topic. {@code profile} is
 * the reference profile of the champion's training data; {@code candidateId} ties the version to
 * its lineage. {@code action} says how it became champion ({@code auto}, {@code approval},
 * {@code rollback}, {@code override}) and {@code actor} who or what did it; both absent on events
 * written before they existed.
 */
public record ModelPromoted(
        String model,
        int version,
        Integer previousVersion,
        ArtifactRef artifact,
        String datasetId,
        String specHash,
        Map<String, Double> metrics,
        String reason,
        Instant promotedAt,
        String candidateId,
        ArtifactRef profile,
        String action,
        String actor) {

    /** A promotion without action and actor. */
    public ModelPromoted(String model, int version, Integer previousVersion, ArtifactRef artifact, String datasetId,
            String specHash, Map<String, Double> metrics, String reason, Instant promotedAt, String candidateId,
            ArtifactRef profile) {
        this(model, version, previousVersion, artifact, datasetId, specHash, metrics, reason, promotedAt, candidateId,
                profile, null, null);
    }

    public ModelPromoted validate() {
        require(model, "model");
        require(artifact, "artifact");
        require(artifact.uri(), "artifact.uri");
        require(artifact.sha256(), "artifact.sha256");
        require(promotedAt, "promotedAt");
        return this;
    }
}
