package org.logtally.counter;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CountingRulesTest {

    private static final CountingRules DEFAULTS = new CountingRules(Optional.empty(), false, false);

    @Test
    void dayIsDateInLineOwnOffset() {
        // 23:30 at -02:00 is already the next day in UTC, but the line is dated 17 May.
        assertEquals(LocalDate.of(2015, 5, 17), DEFAULTS.dayOf(OffsetDateTime.parse("2015-05-17T23:30:00-02:00")));
        // 00:30 at +03:00 is still the previous day in UTC, but the line is dated 18 May.
        assertEquals(LocalDate.of(2015, 5, 18), DEFAULTS.dayOf(OffsetDateTime.parse("2015-05-18T00:30:00+03:00")));
    }

    @Test
    void timeZoneSwitchesDay() {
        CountingRules berlin = new CountingRules(Optional.of(ZoneId.of("Europe/Berlin")), false, false);

        // 22:30 UTC on 17 May is 00:30 on 18 May in Berlin (CEST, +02:00).
        assertEquals(LocalDate.of(2015, 5, 18), berlin.dayOf(OffsetDateTime.parse("2015-05-17T22:30:00+00:00")));
        // 21:59 UTC is still 23:59 on 17 May in Berlin.
        assertEquals(LocalDate.of(2015, 5, 17), berlin.dayOf(OffsetDateTime.parse("2015-05-17T21:59:00+00:00")));
        // In winter Berlin is at +01:00, so 23:30 UTC on 1 January is 00:30 on 2 January.
        assertEquals(LocalDate.of(2015, 1, 2), berlin.dayOf(OffsetDateTime.parse("2015-01-01T23:30:00+00:00")));
    }

    @Test
    void clientErrorsExcludedFromVisitors() {
        assertTrue(DEFAULTS.countsAsVisitor(200));
        assertTrue(DEFAULTS.countsAsVisitor(304));
        assertTrue(DEFAULTS.countsAsVisitor(399));
        assertFalse(DEFAULTS.countsAsVisitor(400));
        assertFalse(DEFAULTS.countsAsVisitor(404));
        assertFalse(DEFAULTS.countsAsVisitor(499));
        assertTrue(DEFAULTS.countsAsVisitor(500));
        assertNull(DEFAULTS.visitorOf(404, "192.0.2.1", "curl/8.0", false));
        assertArrayEquals(CountingRules.visitorHash("192.0.2.1", "curl/8.0"),
                DEFAULTS.visitorOf(200, "192.0.2.1", "curl/8.0", false));
    }

    @Test
    void clientErrorsIncludedWhenConfigured() {
        CountingRules including = new CountingRules(Optional.empty(), true, false);

        assertTrue(including.countsAsVisitor(400));
        assertTrue(including.countsAsVisitor(404));
        assertTrue(including.countsAsVisitor(499));
        assertArrayEquals(CountingRules.visitorHash("192.0.2.1", "curl/8.0"),
                including.visitorOf(404, "192.0.2.1", "curl/8.0", false));
    }

    @Test
    void botsExcludedFromVisitorsByDefault() {
        byte[] hash = CountingRules.visitorHash("192.0.2.1", "Googlebot/2.1");

        assertNull(DEFAULTS.visitorOf(200, "192.0.2.1", "Googlebot/2.1", true));
        assertArrayEquals(hash, DEFAULTS.botVisitorOf(200, "192.0.2.1", "Googlebot/2.1", true));
        assertNull(DEFAULTS.botVisitorOf(200, "192.0.2.1", "Firefox", false));
        // The status rule applies to bots as well.
        assertNull(DEFAULTS.botVisitorOf(404, "192.0.2.1", "Googlebot/2.1", true));
    }

    @Test
    void botsIncludedWhenConfigured() {
        CountingRules including = new CountingRules(Optional.empty(), false, true);
        byte[] hash = CountingRules.visitorHash("192.0.2.1", "Googlebot/2.1");

        assertArrayEquals(hash, including.visitorOf(200, "192.0.2.1", "Googlebot/2.1", true));
        assertArrayEquals(hash, including.botVisitorOf(200, "192.0.2.1", "Googlebot/2.1", true));
        assertNull(including.visitorOf(404, "192.0.2.1", "Googlebot/2.1", true));
    }

    @Test
    void visitorHashSeparatesClientAndUserAgent() {
        byte[] hash = CountingRules.visitorHash("192.0.2.1", "Mozilla/5.0");

        assertEquals(CountingRules.VISITOR_HASH_LENGTH, hash.length);
        assertArrayEquals(hash, CountingRules.visitorHash("192.0.2.1", "Mozilla/5.0"));
        assertArrayEquals(CountingRules.visitorHash("192.0.2.1", ""), CountingRules.visitorHash("192.0.2.1", null));
        assertNotEquals(java.util.Arrays.toString(hash),
                java.util.Arrays.toString(CountingRules.visitorHash("192.0.2.2", "Mozilla/5.0")));
        // The NUL separator keeps "a" + "bc" apart from "ab" + "c".
        assertNotEquals(java.util.Arrays.toString(CountingRules.visitorHash("a", "bc")),
                java.util.Arrays.toString(CountingRules.visitorHash("ab", "c")));
    }

    @Test
    void timeZoneSettingParsed() {
        assertEquals(Optional.empty(), CountingRules.parseTimeZone(""));
        assertEquals(Optional.empty(), CountingRules.parseTimeZone("  "));
        assertEquals(Optional.empty(), CountingRules.parseTimeZone(null));
        assertEquals(Optional.of(ZoneId.of("Europe/Berlin")), CountingRules.parseTimeZone("Europe/Berlin"));
    }

    @Test
    void invalidTimeZoneRejectedWithKey() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CountingRules.parseTimeZone("Europe/Berlim"));

        assertTrue(error.getMessage().contains("logtally.counter.time-zone"), error.getMessage());
        assertTrue(error.getMessage().contains("Europe/Berlim"), error.getMessage());
    }
}
