package org.logtally.ingest.tail;

/** Raised when the broker did not settle the messages of one step. */
final class PublishException extends RuntimeException {

    PublishException(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
