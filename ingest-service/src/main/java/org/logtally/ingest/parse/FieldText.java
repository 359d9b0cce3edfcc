package org.logtally.ingest.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Checks and decodes the text of single fields, shared by the line parsers. */
final class FieldText {

    /** Maximum number of characters of an offending value quoted in a reason. */
    private static final int MAX_QUOTED_VALUE = 40;
    private static final int MAX_BODY_BYTES_DIGITS = 18;

    private FieldText() {
    }

    /** Accepts IPv4 and IPv6 text ({@code $remote_addr}), and {@code unix:} for a UNIX-domain socket. */
    static boolean isAddress(String token) {
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

    static int parseStatus(String token) {
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

    static long parseBodyBytes(String token) {
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

    static String dashToNull(String value) {
        return value == null || value.equals("-") ? null : value;
    }

    /** Quotes a value for a reason, shortened to {@value #MAX_QUOTED_VALUE} characters. */
    static String quote(String value) {
        if (value.length() <= MAX_QUOTED_VALUE) {
            return '"' + value + '"';
        }
        return '"' + value.substring(0, MAX_QUOTED_VALUE) + "\"...";
    }

    /**
     * Returns the index of the double quote that closes a quoted field whose text starts at
     * {@code start}, or {@code end} when the line ends first. A backslash escapes the next byte.
     */
    static int closingQuote(byte[] bytes, int start, int end) {
        int scan = start;
        while (scan < end && bytes[scan] != '"') {
            if (bytes[scan] == '\\' && scan + 1 < end) {
                scan++;
            }
            scan++;
        }
        return scan;
    }

    /**
     * Decodes the text of a quoted field: {@code \xHH} to that byte, {@code \"} to {@code "} and
     * {@code \\} to {@code \}, as nginx and Apache write them. An unknown escape is kept as written.
     */
    static String unescape(byte[] bytes, int start, int stop) {
        int backslash = start;
        while (backslash < stop && bytes[backslash] != '\\') {
            backslash++;
        }
        if (backslash == stop) {
            return new String(bytes, start, stop - start, StandardCharsets.UTF_8);
        }
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
