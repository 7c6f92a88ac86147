package io.driftloop.registry.domain;

/**
 * A request the registry refuses, with what to do instead: the model or version is unknown, the
 * request does not fit the version's state, or the request itself is invalid. Nothing was decided.
 */
public final class RegistryRefusal extends RuntimeException {

    /** Why a request was refused. */
    public enum Kind { UNKNOWN, CONFLICT, INVALID }

    private final Kind kind;

    RegistryRefusal(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static RegistryRefusal unknown(String message) {
        return new RegistryRefusal(Kind.UNKNOWN, message);
    }

    public static RegistryRefusal conflict(String message) {
        return new RegistryRefusal(Kind.CONFLICT, message);
    }

    public static RegistryRefusal invalid(String message) {
        return new RegistryRefusal(Kind.INVALID, message);
    }
}
