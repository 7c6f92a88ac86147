package io.driftloop.contracts.model;

/**
 * A trained model as published: which model and candidate it is, how features are encoded, and the
 * network itself in DL4J's own serialised form ({@code ModelSerializer}, format
 * {@value #FORMAT}). Use {@link ModelArtifactCodec} to read and write one.
 */
public record ModelArtifact(String model, String candidateId, FeatureEncoding encoding, byte[] network) {

    public static final String FORMAT = "dl4j-multilayer";
}
