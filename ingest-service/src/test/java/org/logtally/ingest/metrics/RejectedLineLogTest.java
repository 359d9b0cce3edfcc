package org.logtally.ingest.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RejectedLineLogTest {

    @Test
    void oneMessagePerInterval() {
        AtomicLong now = new AtomicLong(1_000);
        RejectedLineLog log = new RejectedLineLog(Duration.ofSeconds(10), now::get);

        assertTrue(log.record("s", "/a.log", 0, "invalid status \"abc\""));
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertFalse(log.record("s", "/a.log", 10, "invalid status \"abc\""));
        assertFalse(log.record("s", "/a.log", 20, "invalid status \"abc\""));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertTrue(log.record("s", "/a.log", 30, "invalid status \"abc\""));
        assertFalse(log.record("s", "/a.log", 40, "invalid status \"abc\""));
    }
}
