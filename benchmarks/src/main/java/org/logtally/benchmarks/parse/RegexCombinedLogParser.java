package org.logtally.benchmarks.parse;

import org.logtally.ingest.parse.ParsedLine;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peer of {@code CombinedLogParser} in the parser benchmark: the usual way to parse the
 * nginx {@code combined} format, with one {@link java.util.regex} pattern for the fields and a
 * {@link DateTimeFormatter} for the time. It returns the same fields, but it does not decode
 * the {@code \xHH}, {@code \"} and {@code \\} escapes inside quoted fields, so it does a
 * little less work on lines that contain them.
 */
public final class RegexCombinedLogParser {

    private static final Pattern COMBINED = Pattern.compile(
            "(\\S+) - (\\S+) \\[([^\\]]+)\\] \"((?:[^\"\\\\]|\\\\.)*)\" (\\d{3}) (\\d+|-)"
                    + " \"((?:[^\"\\\\]|\\\\.)*)\" \"((?:[^\"\\\\]|\\\\.)*)\"");

    private static final DateTimeFormatter TIME_LOCAL =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    /** ISO-8601 with the offset always as {@code +hh:mm}, never {@code Z}, as logtally writes it. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

    /**
     * Parses the bytes {@code [start, end)} of {@code bytes}, one line without its line end.
     *
     * @return the fields, or null when the line does not match the combined format
     */
    public ParsedLine parse(byte[] bytes, int start, int end) {
        String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
        Matcher matcher = COMBINED.matcher(line);
        if (!matcher.matches()) {
            return null;
        }
        String time;
        try {
            time = ISO.format(OffsetDateTime.parse(matcher.group(3), TIME_LOCAL));
        } catch (DateTimeParseException e) {
            return null;
        }
        String method = null;
        String path = null;
        String protocol = null;
        String[] request = matcher.group(4).split(" ");
        if (request.length == 3 && request[1].startsWith("/") && request[2].startsWith("HTTP/")) {
            method = request[0];
            path = request[1];
            protocol = request[2];
        }
        String bytesSent = matcher.group(6);
        return new ParsedLine(time, matcher.group(1), dashToNull(matcher.group(2)), method, path, protocol,
                Integer.parseInt(matcher.group(5)), bytesSent.equals("-") ? 0 : Long.parseLong(bytesSent),
                dashToNull(matcher.group(7)), dashToNull(matcher.group(8)));
    }

    private static String dashToNull(String value) {
        return value.equals("-") ? null : value;
    }
}
