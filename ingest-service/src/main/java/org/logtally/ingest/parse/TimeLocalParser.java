package org.logtally.ingest.parse;

/**
 * Converts nginx {@code $time_local} text such as {@code 17/May/2015:08:05:32 +0000} into
 * ISO-8601 with the same offset, {@code 2015-05-17T08:05:32+00:00}. The layout is fixed, so
 * the fields are read by position instead of through a {@code DateTimeFormatter} per line.
 */
final class TimeLocalParser {

    /** Length of {@code dd/MMM/yyyy:HH:mm:ss +hhmm}. */
    static final int LENGTH = 26;

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private TimeLocalParser() {
    }

    /**
     * Parses {@link #LENGTH} bytes at {@code start}.
     *
     * @return the ISO-8601 text, or null when the bytes are not a valid time in that layout
     */
    static String toIso(byte[] bytes, int start) {
        int p = start;
        if (bytes[p + 2] != '/' || bytes[p + 6] != '/' || bytes[p + 11] != ':' || bytes[p + 14] != ':'
                || bytes[p + 17] != ':' || bytes[p + 20] != ' ') {
            return null;
        }
        int day = digits(bytes, p, 2);
        int month = month(bytes, p + 3);
        int year = digits(bytes, p + 7, 4);
        int hour = digits(bytes, p + 12, 2);
        int minute = digits(bytes, p + 15, 2);
        int second = digits(bytes, p + 18, 2);
        byte sign = bytes[p + 21];
        int offsetHours = digits(bytes, p + 22, 2);
        int offsetMinutes = digits(bytes, p + 24, 2);
        if (month < 1 || year < 0 || day < 1 || day > daysInMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
                || (sign != '+' && sign != '-') || offsetHours < 0 || offsetHours > 18
                || offsetMinutes < 0 || offsetMinutes > 59) {
            return null;
        }
        char[] out = new char[25];
        write(out, 0, year, 4);
        out[4] = '-';
        write(out, 5, month, 2);
        out[7] = '-';
        write(out, 8, day, 2);
        out[10] = 'T';
        write(out, 11, hour, 2);
        out[13] = ':';
        write(out, 14, minute, 2);
        out[16] = ':';
        write(out, 17, second, 2);
        out[19] = (char) sign;
        write(out, 20, offsetHours, 2);
        out[22] = ':';
        write(out, 23, offsetMinutes, 2);
        return new String(out);
    }

    /** Returns the decimal value of {@code count} ASCII digits, or -1 if any byte is not a digit. */
    static int digits(byte[] bytes, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** Returns the month number 1 to 12 of a three-letter English month name, or -1. */
    private static int month(byte[] bytes, int start) {
        for (int i = 0; i < MONTHS.length; i++) {
            String name = MONTHS[i];
            if (bytes[start] == name.charAt(0) && bytes[start + 1] == name.charAt(1)
                    && bytes[start + 2] == name.charAt(2)) {
                return i + 1;
            }
        }
        return -1;
    }

    static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static void write(char[] out, int start, int value, int width) {
        for (int i = start + width - 1; i >= start; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
