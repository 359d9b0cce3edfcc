package org.logtally.local;

import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/** Formats one line of nginx's {@code combined} log format, for the sample log and generated test input. */
public final class CombinedLine {

    /** nginx's {@code $time_local}, for example {@code 17/May/2015:08:05:32 +0000}. */
    public static final DateTimeFormatter TIME_LOCAL = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    private CombinedLine() {
    }

    /**
     * Returns the line without its line end. The values are written as given, so a quoted
     * value must already carry nginx's escapes.
     *
     * @param time a time with an offset, such as an {@code OffsetDateTime} or {@code ZonedDateTime}
     * @param bytes the body size as nginx writes it, a number or {@code -}
     */
    public static String format(String client, String user, TemporalAccessor time, String request, int status,
                                String bytes, String referer, String userAgent) {
        return client + " - " + user + " [" + TIME_LOCAL.format(time) + "] \"" + request + "\" " + status + " " + bytes
                + " \"" + referer + "\" \"" + userAgent + "\"";
    }
}
