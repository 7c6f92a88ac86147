package io.driftloop.evaluator.domain;

import io.driftloop.contracts.model.FeatureEncoding;
import io.driftloop.contracts.model.ModelArtifact;
import io.driftloop.subscriber.dl4j.Dl4jModel;
import java.util.List;
import java.util.Map;

/**
 * A {@link Scorer} over a DL4J network from a model artifact, restored and scored by the same
 * {@link Dl4jModel} the scoring service serves: rows are encoded with the artifact's own
 * {@link FeatureEncoding} (exactly as the trainer did), and P(label = 1) is column 1 of the 2-unit
 * softmax output. Calls are serialised because a network is not safe for concurrent use.
 */
public final class Dl4jScorer implements Scorer {

    private final Dl4jModel model;

    private Dl4jScorer(Dl4jModel model) {
        this.model = model;
    }

    /**
     * Restores the network of {@code artifact}; throws {@link UnusableArtifactException} when it
     * cannot be read or does not fit the encoding (input width) or the task (2 output units).
     */
    public static Dl4jScorer restore(ModelArtifact artifact) {
        try {
            return new Dl4jScorer(Dl4jModel.restore(artifact));
        } catch (IllegalArgumentException e) {
            throw new UnusableArtifactException(e.getMessage(), e);
        }
    }

    @Override
    public double[] probabilities(List<Map<String, Object>> features) {
        return model.scoreAll(features);
    }
}
