package org.logtally.api;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DateRangeResolverTest {

    // 2015-06-10T23:30Z is still 10 June in UTC, but already 11 June east of UTC.
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2015-06-10T23:30:00Z"), ZoneOffset.ofHours(2));

    private final DateRangeResolver resolver = new DateRangeResolver(config(366, 31), CLOCK);

    @Test
    void missingToWithoutDataIsTodayInUtc() {
        DateRange range = resolver.resolve(Optional.empty(), Optional.empty(), Optional.empty());

        assertEquals(LocalDate.parse("2015-06-10"), range.to());
        assertEquals(LocalDate.parse("2015-05-11"), range.from());
    }

    @Test
    void missingToIsLatestDayWithData() {
        DateRange range = resolver.resolve(Optional.empty(), Optional.empty(), Optional.of(day("2015-06-04")));

        assertEquals(day("2015-06-04"), range.to());
        assertEquals(day("2015-05-05"), range.from());
        assertEquals(31, range.days());
    }

    @Test
    void requestedToWinsOverLatestDay() {
        DateRange range = resolver.resolve(Optional.of(day("2015-05-01")), Optional.of(day("2015-05-02")),
                Optional.of(day("2015-06-04")));

        assertEquals(day("2015-05-01"), range.from());
        assertEquals(day("2015-05-02"), range.to());
    }

    @Test
    void singleDayRangeIsAccepted() {
        DateRange range = resolver.resolve(Optional.of(day("2015-05-01")), Optional.of(day("2015-05-01")),
                Optional.empty());

        assertEquals(1, range.days());
    }

    @Test
    void rangeOverMaximumNamesFrom() {
        DateRangeResolver shortRanges = new DateRangeResolver(config(7, 7), CLOCK);

        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> shortRanges.resolve(Optional.of(day("2015-05-01")), Optional.of(day("2015-05-08")),
                        Optional.empty()));

        assertEquals("from", e.parameter());
        assertTrue(e.getMessage().contains("spans 8 days, more than the maximum of 7"), e.getMessage());
    }

    @Test
    void defaultRangeOverMaximumFailsAtStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new DateRangeResolver(config(30, 31), CLOCK));

        assertTrue(e.getMessage().contains("logtally.api.default-range-days"), e.getMessage());
    }

    @Test
    void zeroMaximumFailsAtStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new DateRangeResolver(config(0, 1), CLOCK));

        assertTrue(e.getMessage().contains("logtally.api.max-range-days"), e.getMessage());
    }

    private static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    private static ApiConfig config(int maxRangeDays, int defaultRangeDays) {
        return new ApiConfig() {
            @Override
            public int maxRangeDays() {
                return maxRangeDays;
            }

            @Override
            public int defaultRangeDays() {
                return defaultRangeDays;
            }
        };
    }
}
