package io.driftloop.contracts.spec;

import io.driftloop.contracts.InvalidEventException;

/** A model spec that cannot be used; the message names the field and says what to write instead. */
public class SpecValidationException extends InvalidEventException {

    private final String field;

    public SpecValidationException(String field, String problem) {
        super("model spec field '" + field + "' " + problem);
        this.field = field;
    }

    public SpecValidationException(String problem, Throwable cause) {
        super("model spec " + problem, cause);
        this.field = null;
    }

    /** The offending field as a path, e.g. {@code features[2].type}; null when the document did not parse. */
    public String field() {
        return field;
    }
}
