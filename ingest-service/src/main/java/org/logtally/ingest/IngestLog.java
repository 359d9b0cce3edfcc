package org.logtally.ingest;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.Logger;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;

import java.lang.invoke.MethodHandles;
import java.nio.file.Path;
import java.time.Duration;

/** Log messages of the ingest service, each with an id such as {@code LOGTALLY-INGEST-0001}. */
@MessageLogger(projectCode = "LOGTALLY-INGEST-", length = 4)
public interface IngestLog extends BasicLogger {

    IngestLog LOG = Logger.getMessageLogger(MethodHandles.lookup(), IngestLog.class, "org.logtally.ingest");

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 1, value = "No access log source is configured, so nothing is published."
            + " Set logtally.ingest.sources.\"<site>\".paths to the files to follow.")
    void noSourceConfigured();

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 2, value = "Following %d source(s) every %s, checkpoints in %s")
    void started(int sources, Duration pollInterval, Path checkpointFile);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 3, value = "Stopped following access logs")
    void stopped();

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 4, value = "Path %s of site %s matches no regular file. It is checked again on every poll")
    void pathMatchesNothing(String pattern, String site);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 5, value = "Following %s of site %s as file %s from offset %d")
    void fileFollowed(String path, String site, String fileKey, long offset);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 6, value = "File %s of site %s moved from %s to %s")
    void fileMoved(String fileKey, String site, String oldPath, String newPath);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 7, value = "Content of %s (site %s) was replaced because %s. File %s ends there, and the file"
            + " is read from offset 0 as file %s")
    void contentReplaced(String path, String site, String cause, String oldFileKey, String fileKey);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 8, value = "Rejected line at offset %d of %s (site %s): %s")
    void lineRejected(long offset, String path, String site, String reason);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 15, value = "Rejected line at offset %d of %s (site %s): %s."
            + " %d more rejected lines were not logged since the previous message")
    void lineRejectedAfterSuppressed(long offset, String path, String site, String reason, long suppressed);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 9, value = "Publishing lines of %s from offset %d failed. The offset is kept, and the lines"
            + " are sent again in %s")
    void publishFailed(String path, long offset, Duration retryDelay, @Cause Throwable cause);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 10, value = "Reading %s failed, retrying in %s")
    void readFailed(String path, Duration retryDelay, @Cause Throwable cause);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 11, value = "Listing the configured log files failed, retrying in %s")
    void scanFailed(Duration retryDelay, @Cause Throwable cause);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 12, value = "Writing checkpoints to %s failed, retrying in %s")
    void checkpointWriteFailed(Path checkpointFile, Duration retryDelay, @Cause Throwable cause);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 13, value = "Listing %s (site %s) failed, so the files under it are skipped in this poll")
    void pathListFailed(String pattern, String site, @Cause Throwable cause);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 14, value = "Stopping timed out after %s, so the lines of the step in progress may be sent again after the next start")
    void stopTimedOut(Duration timeout);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 40, value = "Skipping compressed file %s of site %s: compressed files are read only by backfill"
            + " (logtally.ingest.backfill)")
    void compressedFileSkipped(String path, String site);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 41, value = "%s (site %s) starts with the same line as file %s, so it is read as that file"
            + " from offset %d")
    void copyRecognised(String path, String site, String fileKey, long offset);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 42, value = "%s (site %s) starts with the same line as %s, which is still followed, so it is"
            + " not read until that file is truncated or released")
    void copyWaits(String path, String site, String originalPath);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 43, value = "Read the last line of %s (site %s) at offset %d without a line end (%d bytes),"
            + " because the file stayed unchanged for logtally.ingest.partial-line-idle. Bytes appended later"
            + " are read as the next line")
    void partialLineRead(String path, String site, long offset, int length);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 44, value = "Rotated file %s (site %s, file %s) is outside the configured paths. It is read"
            + " to its end (%d bytes behind) and released after logtally.ingest.rotated-file-idle")
    void rotatedFileFollowed(String path, String site, String fileKey, long bytesBehind);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 45, value = "Released rotated file %s (site %s, file %s) after reading it to offset %d")
    void rotatedFileReleased(String path, String site, String fileKey, long offset);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 46, value = "File %s (site %s, file %s) is gone from its directory with %d bytes not read."
            + " Its state is kept to recognise the content if it comes back")
    void fileGone(String path, String site, String fileKey, long bytesBehind);

    @LogMessage(level = Logger.Level.ERROR)
    @Message(id = 47, value = "Backfill failed, so the remaining rotated files are not read until the next start")
    void backfillFailed(@Cause Throwable cause);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 48, value = "Backfill started: %d rotated file(s) to read, oldest first")
    void backfillStarted(int files);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 49, value = "Backfill finished")
    void backfillFinished();

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 50, value = "Backfill of %s (site %s) failed, so the file is skipped until the next start")
    void backfillFileFailed(String path, String site, @Cause Throwable cause);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 51, value = "Backfill queued uncompressed %s (site %s) from offset %d; the polls read it")
    void backfillFileQueued(String path, String site, long offset);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 52, value = "Backfill skips %s (site %s) because %s")
    void backfillFileSkipped(String path, String site, String reason);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 53, value = "Backfill reads %s (site %s) as file %s from decompressed offset %d")
    void backfillFileStarted(String path, String site, String fileKey, long offset);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 54, value = "Backfill could not publish lines of site %s, retrying in %s")
    void backfillPublishFailed(String site, Duration retryDelay, @Cause Throwable cause);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 55, value = "Backfill of %s (site %s): %d decompressed bytes and %d lines read, %d lines per"
            + " second, finished: %b")
    void backfillProgress(String path, String site, long bytes, long lines, long linesPerSecond, boolean finished);
}
