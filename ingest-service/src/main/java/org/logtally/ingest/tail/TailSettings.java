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
 * @param maxLineLength maximum length of a line in bytes, without its line end
 * @param partialLineIdle time a file must stay unchanged before a last line without line end is read
 * @param rotatedFileIdle time a rotated file must stay unchanged at its end before it is released
 * @param backfill whether rotated files next to the followed ones are read once at start-up
 * @param rotatedDirsBySite directories of each site where rotation moves files (logrotate's
 *        {@code olddir}), searched besides the directory of each followed file
 */
public record TailSettings(
        Map<String, List<String>> pathsBySite,
        Duration pollInterval,
        Path dataDir,
        int batchSize,
        int readSize,
        int maxLineLength,
        Duration partialLineIdle,
        Duration rotatedFileIdle,
        boolean backfill,
        Duration rejectedLogInterval,
        Duration maxRetryDelay,
        Map<String, List<Path>> rotatedDirsBySite) {

    public TailSettings {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("logtally.ingest.poll-interval must be positive, got " + pollInterval);
        }
        if (readSize < 1) {
            throw new IllegalArgumentException("logtally.ingest.read-size must be at least 1 byte, got " + readSize);
        }
        if (maxLineLength < 1) {
            throw new IllegalArgumentException(
                    "logtally.ingest.max-line-length must be at least 1 byte, got " + maxLineLength);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("logtally.ingest.batch-size must be at least 1, got " + batchSize);
        }
        if (partialLineIdle.isNegative()) {
            throw new IllegalArgumentException(
                    "logtally.ingest.partial-line-idle must not be negative, got " + partialLineIdle);
        }
        rotatedDirsBySite = Map.copyOf(rotatedDirsBySite);
        if (rotatedFileIdle.isNegative()) {
            throw new IllegalArgumentException(
                    "logtally.ingest.rotated-file-idle must not be negative, got " + rotatedFileIdle);
        }
    }

    /** Returns the directories besides a followed file's own where rotated files of {@code site} are searched. */
    public List<Path> rotatedDirs(String site) {
        return rotatedDirsBySite.getOrDefault(site, List.of());
    }
}
