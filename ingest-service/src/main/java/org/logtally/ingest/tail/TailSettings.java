package org.logtally.ingest.tail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings of a {@link Tailer}, taken from the {@code logtally.ingest} configuration.
 *
 * @param pathsBySite paths and globs of each site
 * @param readSize maximum bytes read from one file in one step
 */
public record TailSettings(
        Map<String, List<String>> pathsBySite,
        Duration pollInterval,
        Path dataDir,
        int batchSize,
        int readSize,
        Duration rejectedLogInterval,
        Duration maxRetryDelay) {

    public TailSettings {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("logtally.ingest.poll-interval must be positive, got " + pollInterval);
        }
        if (readSize < 1) {
            throw new IllegalArgumentException("logtally.ingest.read-size must be at least 1 byte, got " + readSize);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("logtally.ingest.batch-size must be at least 1, got " + batchSize);
        }
    }
}
