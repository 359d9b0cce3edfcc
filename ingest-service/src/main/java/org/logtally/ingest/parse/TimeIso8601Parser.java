package org.logtally.ingest.parse;

import java.nio.charset.StandardCharsets;

/**
 * Checks nginx {@code $time_iso8601} text such as {@code 2015-05-17T08:05:32+01:00}. The text
 * is already ISO-8601 with the line's own offset, so a valid value is returned unchanged.
 */
final class TimeIso8601Parser {

    /** Length of {@code yyyy-MM-ddTHH:mm:ss+hh:mm}. */
    static final int LENGTH = 25;

    private TimeIso8601Parser() {
    }

    /**
     * Checks {@link #LENGTH} bytes at {@code start}.
     *
     * @return the time as text, or null when the bytes are not a valid time in that layout
     */
    static String toIso(byte[] bytes, int start) {
        int p = start;
        if (bytes[p + 4] != '-' || bytes[p + 7] != '-' || bytes[p + 10] != 'T' || bytes[p + 13] != ':'
                || bytes[p + 16] != ':' || bytes[p + 22] != ':') {
            return null;
        }
        int year = TimeLocalParser.digits(bytes, p, 4);
        int month = TimeLocalParser.digits(bytes, p + 5, 2);
        int day = TimeLocalParser.digits(bytes, p + 8, 2);
        int hour = TimeLocalParser.digits(bytes, p + 11, 2);
        int minute = TimeLocalParser.digits(bytes, p + 14, 2);
        int second = TimeLocalParser.digits(bytes, p + 17, 2);
        byte sign = bytes[p + 19];
        int offsetHours = TimeLocalParser.digits(bytes, p + 20, 2);
        int offsetMinutes = TimeLocalParser.digits(bytes, p + 23, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > TimeLocalParser.daysInMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
                || (sign != '+' && sign != '-') || offsetHours < 0 || offsetHours > 18
                || offsetMinutes < 0 || offsetMinutes > 59) {
            return null;
        }
        return new String(bytes, start, LENGTH, StandardCharsets.US_ASCII);
    }
}
