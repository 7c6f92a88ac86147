package io.driftloop.scorer.domain;

/** The serving model answered something that is not a probability: a fault of the model, not of the request. */
public class InvalidScoreException extends RuntimeException {

    public InvalidScoreException(String message) {
        super(message);
    }
}
