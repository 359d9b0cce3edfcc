package org.logtally.ingest.parse;

import java.nio.charset.StandardCharsets;

/**
 * Values collected from one line, field by field, then checked and turned into a {@link ParsedLine}.
 * Fields may come in any order. When a variable appears twice, its last value is kept.
 */
final class LineValues {

    private String remoteAddr;
    private String forwardedFor;
    private String user;
    private String time;
    private String request;
    private int status = -1;
    private long bodyBytes = -1;
    private long bytesSent = -1;
    private String referer;
    private String userAgent;

    /**
     * Stores the value in {@code [from, to)} of {@code bytes}; {@code quoted} values have their
     * escapes decoded.
     *
     * @throws InvalidLineException when the value is invalid for its variable
     */
    void accept(Variable variable, byte[] bytes, int from, int to, boolean quoted) {
        switch (variable) {
            case TIME_LOCAL -> time = checkedTime(to - from == TimeLocalParser.LENGTH
                    ? TimeLocalParser.toIso(bytes, from) : null, bytes, from, to);
            case TIME_ISO8601 -> time = checkedTime(to - from == TimeIso8601Parser.LENGTH
                    ? TimeIso8601Parser.toIso(bytes, from) : null, bytes, from, to);
            case STATUS -> status = FieldText.parseStatus(ascii(bytes, from, to));
            case BODY_BYTES_SENT -> bodyBytes = FieldText.parseBodyBytes(ascii(bytes, from, to));
            case BYTES_SENT -> bytesSent = FieldText.parseBodyBytes(ascii(bytes, from, to));
            case REQUEST_TIME -> TimingValues.checkSeconds(variable, bytes, from, to);
            case UPSTREAM_RESPONSE_TIME -> TimingValues.checkUpstreamSeconds(variable, bytes, from, to);
            case HOST, OTHER, OTHER_UPSTREAM_LIST -> {
            }
            default -> acceptText(variable, quoted ? FieldText.unescape(bytes, from, to)
                    : new String(bytes, from, to - from, StandardCharsets.UTF_8));
        }
    }

    /**
     * Stores a value that was already decoded, as JSON values are. A null value, like {@code -},
     * means the field has no value.
     *
     * @throws InvalidLineException when the value is invalid for its variable
     */
    void acceptDecoded(Variable variable, String value) {
        switch (variable) {
            case TIME_LOCAL, TIME_ISO8601, STATUS, BODY_BYTES_SENT, BYTES_SENT, REQUEST_TIME, UPSTREAM_RESPONSE_TIME -> {
                String text = value == null || value.isEmpty() ? "-" : value;
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                accept(variable, bytes, 0, bytes.length, false);
            }
            default -> acceptText(variable, value == null || value.isEmpty() ? null : value);
        }
    }

    private void acceptText(Variable variable, String value) {
        switch (variable) {
            case REMOTE_ADDR -> remoteAddr = value;
            case HTTP_X_FORWARDED_FOR -> forwardedFor = FieldText.dashToNull(value);
            case REMOTE_USER -> user = FieldText.dashToNull(value);
            case REQUEST -> request = value;
            case HTTP_REFERER -> referer = FieldText.dashToNull(value);
            case HTTP_USER_AGENT -> userAgent = FieldText.dashToNull(value);
            default -> {
            }
        }
    }

    boolean hasTime() {
        return time != null;
    }

    boolean hasStatus() {
        return status >= 0;
    }

    boolean hasClient(boolean fromForwardedFor) {
        return remoteAddr != null || (fromForwardedFor && forwardedFor != null);
    }

    /**
     * Checks the client and builds the line. With a {@code resolver}, the client comes from the
     * proxy chain, otherwise it is {@code $remote_addr} as written.
     *
     * @throws InvalidLineException when there is no valid client address
     */
    ParsedLine toParsedLine(ForwardedClientResolver resolver) {
        String client;
        if (resolver == null) {
            client = remoteAddr;
            if (client == null || !FieldText.isAddress(client)) {
                throw new InvalidLineException(RejectCategory.CLIENT,
                        "invalid client address " + FieldText.quote(String.valueOf(client)));
            }
        } else {
            client = resolver.resolve(remoteAddr, forwardedFor);
            if (client == null) {
                throw new InvalidLineException(RejectCategory.FORWARDED_FOR, "no valid client address in X-Forwarded-For "
                        + FieldText.quote(String.valueOf(forwardedFor)) + " and client address "
                        + FieldText.quote(String.valueOf(remoteAddr)));
            }
        }
        HttpRequest parts = HttpRequest.parse(request == null ? "" : request);
        long bytes = bodyBytes >= 0 ? bodyBytes : Math.max(bytesSent, 0);
        return new ParsedLine(time, client, user, parts.method(), parts.path(), parts.protocol(),
                status, bytes, referer, userAgent);
    }

    private static String checkedTime(String iso, byte[] bytes, int from, int to) {
        if (iso == null) {
            String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
            throw new InvalidLineException(RejectCategory.TIME, "invalid time " + FieldText.quote(text));
        }
        return iso;
    }

    private static String ascii(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
