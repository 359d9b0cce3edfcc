package org.logtally.counter;

import org.logtally.event.InvalidMessageException;
import org.logtally.event.LogEvent;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * One event as written to {@code raw_event}, with the day and the visitor hashes that the
 * {@link CountingRules} assign to it and its breakdown values.
 *
 * @param visitor    visitor hash, or null when the request does not count towards visitors
 * @param botVisitor visitor hash, or null when the request does not count towards bot visitors
 * @param dimensions breakdown values of the request
 */
record EventRow(
        UUID id,
        String site,
        String file,
        long offset,
        OffsetDateTime requestTime,
        String timeText,
        LocalDate day,
        String client,
        String user,
        String method,
        String path,
        String protocol,
        int status,
        long bytes,
        String referer,
        String userAgent,
        byte[] raw,
        byte[] visitor,
        byte[] botVisitor,
        EventDimensions dimensions) {

    /**
     * Checks an event and derives its row.
     *
     * @throws InvalidMessageException when a required field is missing, or the time is not ISO-8601 with an
     *                                 offset or its day is outside the years 0001 to 9999. It is also thrown when
     *                                 a number is negative or a text field contains NUL, which PostgreSQL text
     *                                 cannot store
     */
    static EventRow of(LogEvent event, CountingRules rules, DimensionClassifier classifier, RequestTimes times) {
        UUID id = event.id();
        if (id == null) {
            throw new InvalidMessageException("an event has no id");
        }
        String site = required(id, "site", event.site());
        String file = required(id, "file", event.file());
        String time = required(id, "time", event.time());
        String client = required(id, "client", event.client());

        if (event.raw() == null) {
            throw invalid(id, "raw is missing");
        }
        if (event.offset() < 0 || event.bytes() < 0) {
            throw invalid(id, "offset and bytes must not be negative, but are " + event.offset() + " and "
                    + event.bytes());
        }

        OffsetDateTime requestTime;
        try {
            requestTime = times.parse(time);
        } catch (DateTimeParseException e) {
            throw invalid(id, "time '" + time
                    + "' is not ISO-8601 with an offset, such as 2015-05-17T08:05:32+00:00");
        }

        byte[] raw;
        try {
            raw = event.raw().bytes();
        } catch (IllegalArgumentException e) {
            throw invalid(id, "raw.base64 is not valid Base64");
        }

        LocalDate day = rules.dayOf(requestTime);
        if (day.getYear() < 1 || day.getYear() > 9999) {
            // raw_event partitions are named by a four-digit year.
            throw invalid(id, "time '" + time + "' is outside the years 0001 to 9999");
        }

        String path = optional(id, "path", event.path());
        String referer = optional(id, "referer", event.referer());
        String userAgent = optional(id, "userAgent", event.userAgent());
        EventDimensions dimensions = classifier.classify(event.status(), path, referer, client, userAgent);
        boolean bot = dimensions.bot();
        return new EventRow(id, site, file, event.offset(), requestTime, time, day, client,
                optional(id, "user", event.user()),
                optional(id, "method", event.method()),
                path,
                optional(id, "protocol", event.protocol()),
                event.status(),
                event.bytes(),
                referer,
                userAgent,
                raw,
                rules.visitorOf(event.status(), client, userAgent, bot),
                rules.botVisitorOf(event.status(), client, userAgent, bot),
                dimensions);
    }

    /**
     * Parses request times and remembers the last one. The lines of a busy log share their second with the lines
     * next to them, so one message mostly repeats the time of the event before. Not thread-safe: use one per
     * message.
     */
    static final class RequestTimes {

        private String lastText;
        private OffsetDateTime last;

        OffsetDateTime parse(String text) {
            if (!text.equals(lastText)) {
                last = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                lastText = text;
            }
            return last;
        }
    }

    private static String required(UUID id, String field, String value) {
        if (value == null) {
            throw invalid(id, field + " is missing");
        }
        return optional(id, field, value);
    }

    private static String optional(UUID id, String field, String value) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw invalid(id, field + " contains a NUL character");
        }
        return value;
    }

    private static InvalidMessageException invalid(UUID id, String reason) {
        return new InvalidMessageException("event " + id + ": " + reason);
    }
}
