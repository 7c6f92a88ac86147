package io.driftloop.scorer.domain;

/** A prediction request that cannot be scored as sent; the message says what to change. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
