package org.logtally.ingest.parse;

/**
 * The field of a combined log line at which parsing failed. The tag value names the field in
 * the {@code logtally.ingest.lines.rejected} counter.
 */
public enum RejectCategory {
    EMPTY_LINE("empty_line"),
    CLIENT("client"),
    USER("user"),
    TIME("time"),
    REQUEST("request"),
    STATUS("status"),
    BODY_BYTES("body_bytes"),
    REFERER("referer"),
    USER_AGENT("user_agent"),
    TRAILING_TEXT("trailing_text"),
    LINE_TOO_LONG("line_too_long");

    private final String tagValue;

    RejectCategory(String tagValue) {
        this.tagValue = tagValue;
    }

    public String tagValue() {
        return tagValue;
    }
}
