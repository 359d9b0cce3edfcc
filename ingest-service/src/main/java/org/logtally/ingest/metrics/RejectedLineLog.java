package org.logtally.ingest.metrics;

import org.logtally.ingest.IngestLog;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Logs rejected lines at most once per interval. The message that is logged carries the count
 * of rejected lines suppressed since the previous message.
 */
public final class RejectedLineLog {

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private long lastLogged;
    private boolean loggedOnce;
    private long suppressed;

    public RejectedLineLog(Duration interval) {
        this(interval, System::nanoTime);
    }

    RejectedLineLog(Duration interval, LongSupplier nanoClock) {
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Logs the rejected line, or counts it when the previous message is less than one interval old. */
    public synchronized boolean record(String site, String path, long offset, String reason) {
        long now = nanoClock.getAsLong();
        if (loggedOnce && now - lastLogged < intervalNanos) {
            suppressed++;
            return false;
        }
        if (suppressed == 0) {
            IngestLog.LOG.lineRejected(offset, path, site, reason);
        } else {
            IngestLog.LOG.lineRejectedAfterSuppressed(offset, path, site, reason, suppressed);
        }
        loggedOnce = true;
        lastLogged = now;
        suppressed = 0;
        return true;
    }
}
