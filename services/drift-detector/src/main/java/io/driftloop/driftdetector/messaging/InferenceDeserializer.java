package io.driftloop.driftdetector.messaging;

import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.driftdetector.domain.Observation;
import io.driftloop.kit.Catalogs;
import io.quarkus.arc.Arc;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;

/**
 * The inference channel's value deserializer: reads a plain value ({@link InferenceDecoder#plain})
 * into its {@link InferenceValue#plain() observation} on the consumer's polling thread, so a poll is
 * parsed while the worker handles the one before it. It never throws: a value it cannot read that
 * way — odd or invalid, outside ASCII, or one whose reading fails (e.g. a spec lookup before the
 * application is up) — is handed on as bytes alone, and the worker reads it as before
 * ({@link InferenceConsumer}). A value read before its model's spec is known holds its features by
 * name (no layout).
 *
 * <p>The record key (the model) is not given to a deserializer; the model of the value read before
 * stands in for it as the first guess of the features' layout, and a value of another model is moved
 * into its own layout ({@link Observation#in}), as {@link InferenceDecoder#plain} does with a key. A layout is only a
 * faster way to hold the features: an observation read with an older spec's layout (or none) holds
 * the same event.
 *
 * <p>Kafka creates one per consumer and calls it from that consumer's polling thread only.
 */
public final class InferenceDeserializer implements Deserializer<InferenceValue> {

    private static final Logger LOG = Logger.getLogger(InferenceDeserializer.class);

    private final InferenceDecoder decoder;
    private String lastModel;
    private boolean warned;

    /** Kafka's: the specs are those of the application's {@link Catalogs}. */
    public InferenceDeserializer() {
        this(new CatalogSpecs());
    }

    /** @param specs the current spec of a model, or null when it has none */
    InferenceDeserializer(Function<String, ModelSpec> specs) {
        this.decoder = new InferenceDecoder(specs);
    }

    @Override
    public InferenceValue deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            Observation plain = decoder.plain(data, lastModel);
            if (plain != null) {
                lastModel = plain.model();
            }
            return plain == null ? new InferenceValue(data)
                    : new InferenceValue(data, plain, decoder.lastAttributes(), decoder.lastPrediction());
        } catch (RuntimeException e) {
            // the worker decodes it again, and a failure there is handled (and dead-lettered) per record
            if (!warned) {
                warned = true;
                LOG.warnf("an inference value is left to the worker to read: %s", e.toString());
            }
            return new InferenceValue(data);
        }
    }

    /** The specs of the running application's {@link Catalogs}, found on first use. */
    private static final class CatalogSpecs implements Function<String, ModelSpec> {
        private Catalogs catalogs;

        @Override
        public ModelSpec apply(String model) {
            if (catalogs == null) {
                catalogs = Arc.container().instance(Catalogs.class).get();
            }
            return catalogs.spec(model).orElse(null);
        }
    }
}
