package org.logtally.ingest.parse;

/**
 * The field of a log line at which parsing failed. The tag value names the field in
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
    /** {@code $http_x_forwarded_for}, or no usable client address when the client is taken from it. */
    FORWARDED_FOR("forwarded_for"),
    /** {@code $request_time} or {@code $upstream_response_time}. */
    TIMING("timing"),
    /** A variable that is read past but not kept, such as {@code $host} or {@code $request_length}. */
    OTHER_FIELD("other_field"),
    /** A line of a JSON source that is not a JSON object. */
    JSON("json"),
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
