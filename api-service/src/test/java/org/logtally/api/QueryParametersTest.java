package org.logtally.api;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QueryParametersTest {

    @Test
    void isoDateIsParsed() {
        assertEquals(Optional.of(LocalDate.parse("2016-02-29")), QueryParameters.parseDate("from", "2016-02-29"));
    }

    @Test
    void absentDateIsEmpty() {
        assertEquals(Optional.empty(), QueryParameters.parseDate("from", null));
    }

    @Test
    void invalidDatesAreRejected() {
        String[] invalid = {"", "2015-02-30", "2015-02-29", "2015-13-01", "2015-5-1", "+2015-05-01", "20150501",
            "2015-05-01T00:00", " 2015-05-01"};
        for (String value : invalid) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> QueryParameters.parseDate("to", value), value);
            assertEquals("to", e.parameter(), value);
            assertEquals("to must be a date in the form YYYY-MM-DD, got \"" + value + "\"", e.getMessage());
        }
    }

    @Test
    void blankSiteIsRejected() {
        for (String value : new String[] {"", " "}) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> QueryParameters.parseSite(value));
            assertEquals("site", e.parameter());
        }
    }

    @Test
    void siteWithControlCharacterIsRejected() {
        for (String value : new String[] {"a\u0000b", "a\nb", "site\u007f"}) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> QueryParameters.parseSite(value));
            assertEquals("site", e.parameter());
            assertEquals("site must be a site name without control characters. Leave site out to get all sites.",
                    e.getMessage());
        }
    }

    @Test
    void siteIsKeptAsGiven() {
        assertEquals(Optional.of("blog"), QueryParameters.parseSite("blog"));
        assertEquals(Optional.empty(), QueryParameters.parseSite(null));
    }

    @Test
    void limitDefaultsToTen() {
        assertEquals(10, QueryParameters.parseLimit(null));
        assertEquals(1, QueryParameters.parseLimit("1"));
        assertEquals(1000, QueryParameters.parseLimit("1000"));
    }

    @Test
    void limitOutOfRangeIsInvalid() {
        for (String value : new String[] {"0", "1001", "-5", "abc", "", "99999999999"}) {
            InvalidParameterException error = assertThrows(InvalidParameterException.class,
                    () -> QueryParameters.parseLimit(value));
            assertEquals("limit", error.parameter());
        }
    }

    @Test
    void dimensionParsesEachName() {
        for (BreakdownDimension dimension : BreakdownDimension.values()) {
            assertEquals(dimension, BreakdownDimension.parse(dimension.pathName()));
        }
    }

    @Test
    void unknownDimensionIsInvalid() {
        InvalidParameterException error = assertThrows(InvalidParameterException.class,
                () -> BreakdownDimension.parse("Paths"));
        assertEquals("dimension", error.parameter());
    }
}
