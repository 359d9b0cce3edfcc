package org.logtally.api;

/** Raised when a query for the API failed in the database. The API responds with HTTP 503. */
public class DatabaseQueryException extends RuntimeException {

    public DatabaseQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
