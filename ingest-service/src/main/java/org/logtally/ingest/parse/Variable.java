package org.logtally.ingest.parse;

import java.util.HashMap;
import java.util.Map;

/**
 * nginx variables that the parsers know by name. Any other variable is {@link #OTHER} or, for
 * the per-upstream lists such as {@code $upstream_addr}, {@link #OTHER_UPSTREAM_LIST}: its value
 * is read past and not kept.
 */
enum Variable {
    REMOTE_ADDR("remote_addr", "client address", RejectCategory.CLIENT, Spaces.ALLOWED),
    REMOTE_USER("remote_user", "remote user", RejectCategory.USER, Spaces.ALLOWED),
    TIME_LOCAL("time_local", "time", RejectCategory.TIME, Spaces.ALLOWED, TimeLocalParser.LENGTH,
            "0123456789/: +-ADFJMNOSabceglnoprtuvy"),
    TIME_ISO8601("time_iso8601", "time", RejectCategory.TIME, Spaces.NONE, TimeIso8601Parser.LENGTH,
            "0123456789-T:+"),
    REQUEST("request", "request", RejectCategory.REQUEST, Spaces.ALLOWED),
    /** Always three digits, because nginx writes the status with a fixed width. */
    STATUS("status", "status", RejectCategory.STATUS, Spaces.NONE, 3, "0123456789"),
    BODY_BYTES_SENT("body_bytes_sent", "body bytes", RejectCategory.BODY_BYTES, Spaces.NONE),
    /** Bytes sent to the client including the response header, used as the size when there is no body size. */
    BYTES_SENT("bytes_sent", "bytes sent", RejectCategory.BODY_BYTES, Spaces.NONE),
    HTTP_REFERER("http_referer", "referer", RejectCategory.REFERER, Spaces.ALLOWED),
    HTTP_USER_AGENT("http_user_agent", "user agent", RejectCategory.USER_AGENT, Spaces.ALLOWED),
    HTTP_X_FORWARDED_FOR("http_x_forwarded_for", "X-Forwarded-For", RejectCategory.FORWARDED_FOR, Spaces.ALLOWED),
    HOST("host", "host", RejectCategory.OTHER_FIELD, Spaces.NONE),
    REQUEST_TIME("request_time", "request time", RejectCategory.TIMING, Spaces.NONE),
    /** Seconds per upstream, separated by {@code ", "}, with {@code " : "} between upstream groups. */
    UPSTREAM_RESPONSE_TIME("upstream_response_time", "upstream response time", RejectCategory.TIMING, Spaces.ALLOWED),
    OTHER(null, null, RejectCategory.OTHER_FIELD, Spaces.ALLOWED),
    OTHER_UPSTREAM_LIST(null, null, RejectCategory.OTHER_FIELD, Spaces.ALLOWED);

    /** Whether a value may contain a space. */
    private enum Spaces { ALLOWED, NONE }

    private static final Map<String, Variable> BY_NAME = new HashMap<>();

    static {
        for (Variable variable : values()) {
            if (variable.nginxName != null) {
                BY_NAME.put(variable.nginxName, variable);
            }
        }
    }

    private final String nginxName;
    private final String description;
    private final RejectCategory category;
    private final Spaces spaces;
    private final int fixedLength;
    private final String fixedAlphabet;

    Variable(String nginxName, String description, RejectCategory category, Spaces spaces) {
        this(nginxName, description, category, spaces, 0, "");
    }

    Variable(String nginxName, String description, RejectCategory category, Spaces spaces, int fixedLength,
            String fixedAlphabet) {
        this.nginxName = nginxName;
        this.description = description;
        this.category = category;
        this.spaces = spaces;
        this.fixedLength = fixedLength;
        this.fixedAlphabet = fixedAlphabet;
    }

    /** Returns the variable of an nginx variable name without {@code $}, such as {@code remote_addr}. */
    static Variable of(String name) {
        Variable known = BY_NAME.get(name);
        if (known != null) {
            return known;
        }
        if (name.startsWith("upstream_") && !name.startsWith("upstream_http_")
                && !name.startsWith("upstream_cookie_") && !name.startsWith("upstream_trailer_")) {
            return OTHER_UPSTREAM_LIST;
        }
        return OTHER;
    }

    /** Returns the known variable of {@code name}, or null for {@link #OTHER} and {@link #OTHER_UPSTREAM_LIST}. */
    static Variable known(String name) {
        return BY_NAME.get(name);
    }

    /** nginx name without {@code $}, null for the catch-all constants. */
    String nginxName() {
        return nginxName;
    }

    /** Field name used in reasons, for example {@code user agent}. */
    String description(String name) {
        return description != null ? description : "$" + name;
    }

    RejectCategory category() {
        return category;
    }

    /** Length of every value in bytes, or 0 when values vary in length. */
    int fixedLength() {
        return fixedLength;
    }

    /** Returns true when a value of fixed length may contain {@code b}, so that the first {@code b} may not end it. */
    boolean fixedValueMayContain(byte b) {
        return fixedAlphabet.indexOf(b) >= 0;
    }

    /** Returns true when a value may contain a space. Other values end at the first space at the latest. */
    boolean mayContainSpace() {
        return spaces == Spaces.ALLOWED;
    }

    boolean isUpstreamList() {
        return this == UPSTREAM_RESPONSE_TIME || this == OTHER_UPSTREAM_LIST;
    }
}
