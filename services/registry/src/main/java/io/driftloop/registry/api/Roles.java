package io.driftloop.registry.api;

/**
 * The roles of the REST API. Reads are open unless a deployment restricts them to {@link #VIEWER}
 * (see the README); {@link #OPERATOR} registers specs, sets aliases and rolls back; {@link #APPROVER}
 * approves and overrides. A user may hold several.
 */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String APPROVER = "approver";

    private Roles() {
    }
}
