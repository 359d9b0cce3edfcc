package org.logtally.api;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses the raw query parameters of the API, raising {@link InvalidParameterException} on bad input. */
final class QueryParameters {

    /** Four-digit year, two-digit month and two-digit day, the ISO-8601 calendar date form. */
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private QueryParameters() {
    }

    /**
     * Parses a date in the form YYYY-MM-DD. Returns empty when the parameter is absent. An empty value
     * or a day that does not exist in the calendar, such as 2015-02-30, is invalid.
     */
    static Optional<LocalDate> parseDate(String parameter, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (DATE.matcher(value).matches()) {
            try {
                return Optional.of(LocalDate.parse(value));
            } catch (DateTimeException e) {
                // Falls through to the same error as a value of the wrong shape.
            }
        }
        throw new InvalidParameterException(parameter,
                parameter + " must be a date in the form YYYY-MM-DD, got \"" + value + "\"");
    }

    /**
     * Returns the site name, or empty when the parameter is absent. A blank name, or one with
     * control characters, is invalid.
     */
    static Optional<String> parseSite(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            throw new InvalidParameterException("site",
                    "site must be a non-empty site name, got \"" + value + "\". Leave site out to get all sites.");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            // The value is not echoed, so that no control character reaches the response or the log.
            throw new InvalidParameterException("site",
                    "site must be a site name without control characters. Leave site out to get all sites.");
        }
        return Optional.of(value);
    }

    /** Default number of values that a breakdown returns. */
    static final int DEFAULT_LIMIT = 10;

    /** Maximum number of values that a breakdown returns. */
    static final int MAX_LIMIT = 1000;

    /** Parses the number of values to return, from 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent. */
    static int parseLimit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Falls through to the same error as a number out of range.
        }
        throw new InvalidParameterException("limit",
                "limit must be a whole number from 1 to " + MAX_LIMIT + ", got \"" + value + "\"");
    }
}
