package org.logtally.ingest.parse;

import java.io.ByteArrayOutputStream;
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
public final class CombinedLogParser {

    /** Maximum number of characters of an offending value quoted in a reason. */
    private static final int MAX_QUOTED_VALUE = 40;
    private static final int MAX_BODY_BYTES_DIGITS = 18;

    /**
     * Parses the bytes {@code [start, end)} of {@code bytes}, which hold one line without its line end.
     *
     * @throws InvalidLineException when the line is not in the combined format
     */
    public ParsedLine parse(byte[] bytes, int start, int end) {
        if (start == end) {
            throw new InvalidLineException(RejectCategory.EMPTY_LINE, "empty line");
        }
        Cursor cursor = new Cursor(bytes, start, end);

        String client = cursor.token();
        if (!isAddress(client)) {
            throw new InvalidLineException(RejectCategory.CLIENT, "invalid client address " + quote(client));
        }
        cursor.expect(' ', RejectCategory.USER, "missing space after client address");
        cursor.expect('-', RejectCategory.USER, "missing \"-\" after client address");
        cursor.expect(' ', RejectCategory.USER, "missing space before remote user");
        String user = dashToNull(cursor.token());
        cursor.expect(' ', RejectCategory.TIME, "missing space before time");
        String time = cursor.time();

        cursor.expect(' ', RejectCategory.REQUEST, "missing space before request");
        String request = cursor.quoted(RejectCategory.REQUEST, "request");
        cursor.expect(' ', RejectCategory.STATUS, "missing space before status");
        int status = parseStatus(cursor.token());
        cursor.expect(' ', RejectCategory.BODY_BYTES, "missing space before body bytes");
        long bodyBytes = parseBodyBytes(cursor.token());

        cursor.expect(' ', RejectCategory.REFERER, "missing space before referer");
        String referer = dashToNull(cursor.quoted(RejectCategory.REFERER, "referer"));
        cursor.expect(' ', RejectCategory.USER_AGENT, "missing space before user agent");
        String userAgent = dashToNull(cursor.quoted(RejectCategory.USER_AGENT, "user agent"));
        if (!cursor.atEnd()) {
            throw new InvalidLineException(RejectCategory.TRAILING_TEXT,
                    "unexpected text after user agent: " + quote(cursor.rest()));
        }

        HttpRequest parts = HttpRequest.parse(request);
        return new ParsedLine(time, client, user, parts.method(), parts.path(), parts.protocol(),
                status, bodyBytes, referer, userAgent);
    }

    /** Accepts IPv4 and IPv6 text ({@code $remote_addr}), and {@code unix:} for a UNIX-domain socket. */
    private static boolean isAddress(String token) {
        if (token.equals("unix:")) {
            return true;
        }
        boolean separator = false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.' || c == ':') {
                separator = true;
            } else if (Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return separator;
    }

    private static int parseStatus(String token) {
        if (token.length() != 3) {
            throw new InvalidLineException(RejectCategory.STATUS, "invalid status " + quote(token));
        }
        int value = 0;
        for (int i = 0; i < 3; i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidLineException(RejectCategory.STATUS, "invalid status " + quote(token));
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static long parseBodyBytes(String token) {
        if (token.equals("-")) {
            return 0;
        }
        if (token.isEmpty() || token.length() > MAX_BODY_BYTES_DIGITS) {
            throw new InvalidLineException(RejectCategory.BODY_BYTES, "invalid body bytes " + quote(token));
        }
        long value = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidLineException(RejectCategory.BODY_BYTES, "invalid body bytes " + quote(token));
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String dashToNull(String value) {
        return value.equals("-") ? null : value;
    }

    /** Quotes a value for a reason, shortened to {@value #MAX_QUOTED_VALUE} characters. */
    static String quote(String value) {
        if (value.length() <= MAX_QUOTED_VALUE) {
            return '"' + value + '"';
        }
        return '"' + value.substring(0, MAX_QUOTED_VALUE) + "\"...";
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
                throw new InvalidLineException(RejectCategory.TIME, "invalid time " + quote(text));
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
            int scan = start;
            boolean escaped = false;
            while (scan < end && bytes[scan] != '"') {
                if (bytes[scan] == '\\' && scan + 1 < end) {
                    escaped = true;
                    scan++;
                }
                scan++;
            }
            if (scan >= end) {
                throw new InvalidLineException(category, "missing closing quote of " + field);
            }
            position = scan + 1;
            if (!escaped) {
                return new String(bytes, start, scan - start, StandardCharsets.UTF_8);
            }
            return decodeEscapes(start, scan);
        }

        private String decodeEscapes(int start, int stop) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(stop - start);
            int i = start;
            while (i < stop) {
                byte b = bytes[i];
                if (b != '\\' || i + 1 >= stop) {
                    out.write(b);
                    i++;
                    continue;
                }
                byte next = bytes[i + 1];
                if (next == '"' || next == '\\') {
                    out.write(next);
                    i += 2;
                } else if (next == 'x' && i + 3 < stop && hex(bytes[i + 2]) >= 0 && hex(bytes[i + 3]) >= 0) {
                    out.write(hex(bytes[i + 2]) * 16 + hex(bytes[i + 3]));
                    i += 4;
                } else {
                    // An unknown escape is kept as written.
                    out.write(b);
                    i++;
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        private static int hex(byte b) {
            return Character.digit(b, 16);
        }
    }
}
