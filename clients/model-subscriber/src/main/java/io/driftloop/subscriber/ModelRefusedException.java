package io.driftloop.subscriber;

/**
 * A promotion whose artifact cannot serve: missing, its bytes not matching the published SHA-256,
 * or refused by the {@link ModelLoader}. The message says which and why.
 */
public class ModelRefusedException extends RuntimeException {

    public ModelRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
