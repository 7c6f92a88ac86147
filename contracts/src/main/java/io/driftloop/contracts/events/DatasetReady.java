package io.driftloop.contracts.events;

import static io.driftloop.contracts.InvalidEventException.require;

import java.time.Instant;
import java.util.List;

/**
 * A dataset snapshot was built, on {@code ct.dataset.ready.v1}: the exact offset ranges of
 * {@code ct.examples.v1} it was cut from, its split counts, its content id ({@code sha256:…}) and
 * the reference profile the drift-detector compares production traffic with. {@code sizing} says how
 * the size was chosen so every gate can decide, {@code cut} which data strategy chose the rows (both
 * absent on events written before they existed).
 */
public record DatasetReady(
        String eventId,
        String causationId,
        String model,
        String datasetId,
        ArtifactRef dataset,
        ArtifactRef profile,
        String specHash,
        List<OffsetRange> offsets,
        SplitCounts counts,
        RetrainTrigger trigger,
        String reason,
        Instant createdAt,
        DatasetSizing sizing,
        DatasetCut cut) {

    /** A dataset announced without its sizing. */
    public DatasetReady(String eventId, String causationId, String model, String datasetId, ArtifactRef dataset,
                        ArtifactRef profile, String specHash, List<OffsetRange> offsets, SplitCounts counts,
                        RetrainTrigger trigger, String reason, Instant createdAt) {
        this(eventId, causationId, model, datasetId, dataset, profile, specHash, offsets, counts, trigger, reason,
                createdAt, null, null);
    }

    public DatasetReady validate() {
        require(eventId, "eventId");
        require(model, "model");
        require(datasetId, "datasetId");
        require(dataset, "dataset");
        require(dataset.uri(), "dataset.uri");
        require(dataset.sha256(), "dataset.sha256");
        require(specHash, "specHash");
        return this;
    }
}
