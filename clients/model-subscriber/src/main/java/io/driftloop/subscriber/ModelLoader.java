package io.driftloop.subscriber;

import io.driftloop.contracts.events.ModelPromoted;

/**
 * Turns a promoted artifact's verified bytes into something that scores. The subscriber calls it
 * on its own thread, one load at a time, before the model is swapped in; whatever it throws keeps
 * the previous model active and is reported as the promotion's failure. A loader should check
 * everything it can here (shape, format, a trial prediction) so a model that loads also serves.
 *
 * @param <M> the loaded model; shared by every thread that scores, so it must be safe for
 *            concurrent use (or serialise its own calls)
 */
@FunctionalInterface
public interface ModelLoader<M> {

    /**
     * @param promotion the event that named the artifact (model, version, artifact format)
     * @param bytes     the artifact's bytes, already checked against {@code promotion.artifact().sha256()}
     */
    M load(ModelPromoted promotion, byte[] bytes) throws Exception;
}
