package org.logtally.ingest.parse;

/**
 * Raised when a line is not in the expected log format. The message is the reason that travels
 * with the rejected line, for example {@code invalid status "abc"}. No stack trace is filled in,
 * because rejections are expected input and the trace would only cost time.
 */
public class InvalidLineException extends RuntimeException {

    private final RejectCategory category;

    public InvalidLineException(RejectCategory category, String reason) {
        super(reason, null, false, false);
        this.category = category;
    }

    public RejectCategory category() {
        return category;
    }
}
