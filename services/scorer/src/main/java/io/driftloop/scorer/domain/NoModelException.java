package io.driftloop.scorer.domain;

/** No model is serving yet for the name asked for: nothing promoted, or every promotion refused. */
public class NoModelException extends RuntimeException {

    public NoModelException(String message) {
        super(message);
    }
}
