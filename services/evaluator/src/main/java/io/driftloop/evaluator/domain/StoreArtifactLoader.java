package io.driftloop.evaluator.domain;

import io.driftloop.contracts.artifacts.ArtifactIntegrityException;
import io.driftloop.contracts.artifacts.ArtifactStore;
import io.driftloop.contracts.dataset.Dataset;
import io.driftloop.contracts.dataset.DatasetCodec;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.model.ModelArtifactCodec;

/**
 * Datasets and DL4J models from an {@link ArtifactStore}, every read checked against the SHA-256
 * it was published with. Missing, tampered or undecodable artifacts become
 * {@link UnusableArtifactException}.
 */
public final class StoreArtifactLoader implements ArtifactLoader {

    private final ArtifactStore store;

    public StoreArtifactLoader(ArtifactStore store) {
        this.store = store;
    }

    @Override
    public Dataset dataset(ArtifactRef ref) {
        byte[] bytes = read(ref, "dataset");
        Dataset dataset;
        try {
            dataset = DatasetCodec.decodeDataset(bytes);
        } catch (RuntimeException e) {
            throw new UnusableArtifactException("dataset " + ref.uri() + " is not a " + Dataset.FORMAT + ": "
                    + e.getMessage(), e);
        }
        if (dataset.rows() == null || dataset.rows().contains(null)) {
            throw new UnusableArtifactException("dataset " + ref.uri() + " is not a " + Dataset.FORMAT + ": no rows");
        }
        return dataset;
    }

    @Override
    public Scorer scorer(ArtifactRef ref) {
        byte[] bytes = read(ref, "model");
        try {
            return Dl4jScorer.restore(ModelArtifactCodec.decode(bytes));
        } catch (IllegalArgumentException e) {
            throw new UnusableArtifactException("model " + ref.uri() + ": " + e.getMessage(), e);
        }
    }

    private byte[] read(ArtifactRef ref, String what) {
        try {
            return store.get(ref);
        } catch (ArtifactIntegrityException e) {
            throw new UnusableArtifactException(what + " artifact unreadable: " + e.getMessage(), e);
        }
    }
}
