package io.driftloop.contracts.artifacts;

/** An artifact that is missing, unreadable, or whose bytes do not match the SHA-256 it is named by. */
public class ArtifactIntegrityException extends RuntimeException {

    public ArtifactIntegrityException(String message) {
        super(message);
    }

    public ArtifactIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
