package org.logtally.ingest.parse;

import java.nio.charset.StandardCharsets;

/**
 * Parses lines of the nginx {@code combined} log format:
 * <pre>
 * $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"
 * </pre>
 * The parser scans the bytes once, without regular expressions. Inside quoted fields it decodes
 * {@code \xHH} to that byte, {@code \"} to {@code "} and {@code \\} to {@code \}. The class
 * has no state and is safe to use from several threads.
 */
public final class CombinedLogParser implements LineParser {

    /**
     * Parses the bytes {@code [start, end)} of {@code bytes}, which hold one line without its line end.
     *
     * @throws InvalidLineException when the line is not in the combined format
     */
    @Override
    public ParsedLine parse(byte[] bytes, int start, int end) {
        if (start == end) {
            throw new InvalidLineException(RejectCategory.EMPTY_LINE, "empty line");
        }
        Cursor cursor = new Cursor(bytes, start, end);

        String client = cursor.token();
        if (!FieldText.isAddress(client)) {
            throw new InvalidLineException(RejectCategory.CLIENT, "invalid client address " + FieldText.quote(client));
        }
        cursor.expect(' ', RejectCategory.USER, "missing space after client address");
        cursor.expect('-', RejectCategory.USER, "missing \"-\" after client address");
        cursor.expect(' ', RejectCategory.USER, "missing space before remote user");
        String user = FieldText.dashToNull(cursor.token());
        cursor.expect(' ', RejectCategory.TIME, "missing space before time");
        String time = cursor.time();

        cursor.expect(' ', RejectCategory.REQUEST, "missing space before request");
        String request = cursor.quoted(RejectCategory.REQUEST, "request");
        cursor.expect(' ', RejectCategory.STATUS, "missing space before status");
        int status = FieldText.parseStatus(cursor.token());
        cursor.expect(' ', RejectCategory.BODY_BYTES, "missing space before body bytes");
        long bodyBytes = FieldText.parseBodyBytes(cursor.token());

        cursor.expect(' ', RejectCategory.REFERER, "missing space before referer");
        String referer = FieldText.dashToNull(cursor.quoted(RejectCategory.REFERER, "referer"));
        cursor.expect(' ', RejectCategory.USER_AGENT, "missing space before user agent");
        String userAgent = FieldText.dashToNull(cursor.quoted(RejectCategory.USER_AGENT, "user agent"));
        if (!cursor.atEnd()) {
            throw new InvalidLineException(RejectCategory.TRAILING_TEXT,
                    "unexpected text after user agent: " + FieldText.quote(cursor.rest()));
        }

        HttpRequest parts = HttpRequest.parse(request);
        return new ParsedLine(time, client, user, parts.method(), parts.path(), parts.protocol(),
                status, bodyBytes, referer, userAgent);
    }

    /** Position in the line, moved forward field by field. */
    private static final class Cursor {

        private final byte[] bytes;
        private final int end;
        private int position;

        Cursor(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.position = start;
            this.end = end;
        }

        boolean atEnd() {
            return position == end;
        }

        String rest() {
            return new String(bytes, position, end - position, StandardCharsets.UTF_8);
        }

        void expect(char expected, RejectCategory category, String reason) {
            if (position >= end || bytes[position] != expected) {
                throw new InvalidLineException(category, reason);
            }
            position++;
        }

        /** Reads up to the next space or the end of the line. */
        String token() {
            int start = position;
            while (position < end && bytes[position] != ' ') {
                position++;
            }
            return new String(bytes, start, position - start, StandardCharsets.UTF_8);
        }

        /** Reads {@code [$time_local]} and returns it as ISO-8601. */
        String time() {
            if (position >= end || bytes[position] != '[') {
                throw new InvalidLineException(RejectCategory.TIME, "missing opening bracket of time");
            }
            int start = position + 1;
            int close = start;
            while (close < end && bytes[close] != ']') {
                close++;
            }
            if (close == end) {
                throw new InvalidLineException(RejectCategory.TIME, "missing closing bracket of time");
            }
            String iso = close - start == TimeLocalParser.LENGTH ? TimeLocalParser.toIso(bytes, start) : null;
            if (iso == null) {
                String text = new String(bytes, start, close - start, StandardCharsets.UTF_8);
                throw new InvalidLineException(RejectCategory.TIME, "invalid time " + FieldText.quote(text));
            }
            position = close + 1;
            return iso;
        }

        /** Reads a double-quoted field and decodes its escapes. */
        String quoted(RejectCategory category, String field) {
            if (position >= end || bytes[position] != '"') {
                throw new InvalidLineException(category, "missing opening quote of " + field);
            }
            int start = position + 1;
            int close = FieldText.closingQuote(bytes, start, end);
            if (close >= end) {
                throw new InvalidLineException(category, "missing closing quote of " + field);
            }
            position = close + 1;
            return FieldText.unescape(bytes, start, close);
        }
    }
}
