package io.driftloop.subscriber.dl4j;

import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.model.ModelArtifact;
import io.driftloop.contracts.model.ModelArtifactCodec;
import io.driftloop.subscriber.ModelLoader;
import java.util.Map;

/**
 * Loads {@code dl4j-multilayer} artifacts ({@link ModelArtifactCodec}) into a {@link Dl4jModel}.
 * Refuses an artifact of another format, one for another model, one {@link Dl4jModel#restore} refuses
 * (no encoding, an unreadable network, an input width that does not match the encoding, not a 2-unit
 * classifier), and one whose trial prediction (a row of training means) is not a probability; the
 * trial also warms the network up, so the first request after a swap is as fast as the next.
 */
public final class Dl4jModelLoader implements ModelLoader<Dl4jModel> {

    @Override
    public Dl4jModel load(ModelPromoted promotion, byte[] bytes) {
        String format = promotion.artifact().format();
        if (format != null && !ModelArtifact.FORMAT.equals(format)) {
            throw new IllegalArgumentException("artifact format is " + format + ", this loader reads " + ModelArtifact.FORMAT);
        }
        ModelArtifact artifact = ModelArtifactCodec.decode(bytes);
        if (artifact.model() != null && !artifact.model().equals(promotion.model())) {
            throw new IllegalArgumentException("artifact is of model " + artifact.model() + ", promoted as " + promotion.model());
        }
        Dl4jModel model = Dl4jModel.restore(artifact);
        double trial = model.score(Map.of());
        if (!(trial >= 0 && trial <= 1)) {
            throw new IllegalArgumentException("the network's trial prediction is " + trial + ", not a probability");
        }
        return model;
    }
}
