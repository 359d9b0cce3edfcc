package org.logtally.local;

import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Compares two maps of day to {hits, visitors, bytes}, one assertion per number and day. */
final class DailyAssertions {

    private DailyAssertions() {
    }

    static void assertDailyEquals(Map<LocalDate, long[]> expected, Map<LocalDate, long[]> actual) {
        assertEquals(expected.keySet(), actual.keySet(), "days with hits");
        for (LocalDate day : expected.keySet()) {
            assertEquals(expected.get(day)[0], actual.get(day)[0], "hits on " + day);
            assertEquals(expected.get(day)[1], actual.get(day)[1], "visitors on " + day);
            assertEquals(expected.get(day)[2], actual.get(day)[2], "bytes on " + day);
        }
    }
}
