package io.driftloop.contracts.events;

/**
 * A content-addressed artifact: where it is, the SHA-256 (hex) of its bytes, and its format
 * ({@code dl4j-multilayer}, {@code driftloop-dataset}, {@code driftloop-profile}).
 */
public record ArtifactRef(String uri, String sha256, String format) {
}
