package io.driftloop.driftdetector.messaging;

import io.driftloop.driftdetector.domain.Observation;

/**
 * A {@code ct.inference.v1} value as the consumer's polling thread read it
 * ({@link InferenceDeserializer}): its bytes, and its observation when it has the plain shape
 * {@link InferenceDecoder#plain} reads — null for any other value, which the worker decodes with the
 * contract's decoder (and dead-letters with its reason when invalid).
 */
public record InferenceValue(byte[] bytes, Observation plain, java.util.Map<String, String> attributes,
                             Integer prediction) {

    /** A value left to the worker to read. */
    InferenceValue(byte[] bytes) {
        this(bytes, null, null, null);
    }
}
