package org.logtally.ingest.parse;

/** Raised at start-up when a configured log format cannot be used. The message explains what is wrong with it. */
public class InvalidFormatException extends RuntimeException {

    public InvalidFormatException(String message) {
        super(message);
    }
}
