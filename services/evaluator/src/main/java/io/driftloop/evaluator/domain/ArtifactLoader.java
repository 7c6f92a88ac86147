package io.driftloop.evaluator.domain;

import io.driftloop.contracts.dataset.Dataset;
import io.driftloop.contracts.events.ArtifactRef;

/**
 * Reads what an evaluation needs from content-addressed storage. Both methods throw
 * {@link UnusableArtifactException} when the artifact is missing, corrupt or not of the expected
 * kind; the evaluator turns that into a failing gate, never into a silent pass.
 */
public interface ArtifactLoader {

    Dataset dataset(ArtifactRef ref);

    Scorer scorer(ArtifactRef ref);
}
