package org.logtally.api;

/** Raised for a query parameter that is malformed or out of range. The API responds with HTTP 400. */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** Returns the name of the rejected query parameter. */
    public String parameter() {
        return parameter;
    }
}
