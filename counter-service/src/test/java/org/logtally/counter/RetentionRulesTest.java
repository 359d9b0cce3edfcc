package org.logtally.counter;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.Period;
import java.time.YearMonth;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionRulesTest {

    private final RetentionPeriodConverter converter = new RetentionPeriodConverter();

    @Test
    void retentionAcceptsPeriodOrMonths() {
        assertEquals(Period.ofMonths(13), converter.convert("P13M"));
        assertEquals(Period.ofYears(2), converter.convert("P2Y"));
        assertEquals(Period.ofMonths(13), converter.convert(" 13 "));
    }

    @Test
    void retentionRejectsZeroNegativeAndText() {
        for (String setting : new String[] {"0", "P0D", "P-1M", "-3", "thirteen", "13M"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> converter.convert(setting), setting);
            assertTrue(error.getMessage().contains("logtally.counter.retention.raw-events"), error.getMessage());
        }
    }

    @Test
    void monthExpiresWhenItEndsByCutoff() {
        Optional<LocalDate> cutoff = Optional.of(LocalDate.of(2016, 6, 1));

        assertTrue(RawEventRetention.expired(LocalDate.of(2016, 5, 31), cutoff));
        assertTrue(RawEventRetention.expired(LocalDate.of(2015, 1, 1), cutoff));
        assertFalse(RawEventRetention.expired(LocalDate.of(2016, 6, 1), cutoff));
        // 2 June lies in June, whose partition also contains days on and after a cutoff of 15 June.
        assertFalse(RawEventRetention.expired(LocalDate.of(2016, 6, 2), Optional.of(LocalDate.of(2016, 6, 15))));
        assertFalse(RawEventRetention.expired(LocalDate.of(1999, 1, 1), Optional.empty()));
    }

    @Test
    void cutoffIsTodayInUtcMinusRetention() {
        Clock clock = Clock.fixed(Instant.parse("2016-07-15T23:30:00Z"), ZoneId.of("Europe/Berlin"));
        RawEventRetention retention = new RawEventRetention(Optional.of(Period.ofMonths(13)), null, clock);

        assertEquals(Optional.of(LocalDate.of(2015, 6, 15)), retention.cutoff());
        assertEquals(Optional.empty(), new RawEventRetention(Optional.empty(), null, clock).cutoff());
    }

    @Test
    void partitionNamesRoundTrip() {
        assertEquals("raw_event_2015_05", RawEventPartitions.partitionName(YearMonth.of(2015, 5)));
        assertEquals("raw_event_0001_01", RawEventPartitions.partitionName(YearMonth.of(1, 1)));
        assertEquals(Optional.of(YearMonth.of(2015, 5)), RawEventPartitions.monthOf("raw_event_2015_05"));
        assertEquals(Optional.empty(), RawEventPartitions.monthOf("raw_event_2015_13"));
        assertEquals(Optional.empty(), RawEventPartitions.monthOf("raw_event_archive"));
    }
}
