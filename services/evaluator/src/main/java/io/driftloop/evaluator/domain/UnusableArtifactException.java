package io.driftloop.evaluator.domain;

/**
 * A dataset or model that cannot be used: missing, failing its SHA-256 check, undecodable, or a
 * network that does not fit its feature encoding or yields no valid probabilities. The message
 * says which and why; it becomes the detail of a failing gate. Retrying does not help.
 */
public class UnusableArtifactException extends RuntimeException {

    public UnusableArtifactException(String message) {
        super(message);
    }

    public UnusableArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
