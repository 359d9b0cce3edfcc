package org.logtally.counter;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.Logger;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;

import java.lang.invoke.MethodHandles;
import java.time.LocalDate;

/** Log messages of counter-service, with ids of the form LOGTALLY-COUNTER-0001. */
@MessageLogger(projectCode = "LOGTALLY-COUNTER-", length = 4)
public interface CounterLog extends BasicLogger {

    CounterLog LOG = Logger.getMessageLogger(MethodHandles.lookup(), CounterLog.class, "org.logtally.counter");

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 1, value = "Counting each request on %s. Requests with a 4xx status are %s unique visitors, "
            + "and requests from bots are %s unique visitors")
    void countingRules(String days, String clientErrors, String bots);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 2, value = "Consuming %s in batches of at most %d messages, each waiting at most %d ms "
            + "for its batch to fill")
    void consuming(String address, int maxMessages, long maxWaitMillis);

    @LogMessage(level = Logger.Level.DEBUG)
    @Message(id = 3, value = "Stored a batch of %d messages from %s: %d new rows, %d duplicates skipped, "
            + "%d new visitors, %d new bot visitors")
    void batchStored(int messages, String address, long inserted, long duplicates, long newVisitors,
            long newBotVisitors);

    @LogMessage(level = Logger.Level.ERROR)
    @Message(id = 4, value = "Transaction for a batch of %d messages from %s failed (failure %d in a row), so the "
            + "batch is released for redelivery in %d ms. Message ids: %s. Check that PostgreSQL is reachable at "
            + "quarkus.datasource.reactive.url")
    void batchFailed(int messages, String address, int failuresInRow, long backoffMillis, String messageIds,
            @Cause Throwable cause);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 5, value = "Message %s on %s is not a valid batch and was acknowledged without counting it. "
            + "Its body is kept in table invalid_message. Reason: %s")
    void invalidMessage(String messageId, String address, String reason);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 6, value = "Acknowledging message %s on %s failed after its batch was committed. The broker "
            + "will redeliver it, and the redelivery changes no count")
    void ackFailed(String messageId, String address, @Cause Throwable cause);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 7, value = "Releasing message %s on %s for redelivery failed. The broker redelivers it once the "
            + "connection is closed")
    void nackFailed(String messageId, String address, @Cause Throwable cause);

    @LogMessage(level = Logger.Level.ERROR)
    @Message(id = 8, value = "The stream of messages from %s failed, so this instance stopped consuming it. "
            + "Restart the service")
    void streamFailed(String address, @Cause Throwable cause);

    @LogMessage(level = Logger.Level.ERROR)
    @Message(id = 9, value = "Processing a batch of %d messages from %s failed unexpectedly. The batcher "
            + "continues with the next batch")
    void batchHandlerFailed(int messages, String address, @Cause Throwable cause);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 10, value = "Stream of messages from %s completed")
    void streamCompleted(String address);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 11, value = "Looking up client countries in GeoIP database %s (type %s, built %s)")
    void geoipDatabaseOpened(String path, String databaseType, String buildDate);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 12, value = "No GeoIP database is set in logtally.counter.geoip.database, so every client counts "
            + "in country ZZ (unknown)")
    void geoipDatabaseNotConfigured();

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 13, value = "User-agent analyser ready in %d ms, caching up to %d user agents")
    void userAgentAnalyserReady(long millis, int cacheSize);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 14, value = "Partition %s of raw_event is ready for the days from %s up to, but not including, %s")
    void partitionReady(String partition, LocalDate from, LocalDate to);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 15, value = "Dropped partition %s of raw_event with the days from %s up to, but not including, "
            + "%s, because logtally.counter.retention.raw-events is %s and the cutoff is %s. The daily totals "
            + "and breakdowns of those days are kept")
    void partitionDropped(String partition, LocalDate from, LocalDate to, String retention, LocalDate cutoff);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 16, value = "%d events from %s are in months older than the raw event retention (%s, cutoff %s), "
            + "so they are kept in rejected_line and not counted. Event ids include: %s")
    void expiredEventsRejected(long events, String address, String retention, LocalDate cutoff, String eventIds);

    @LogMessage(level = Logger.Level.ERROR)
    @Message(id = 17, value = "Dropping the raw_event partitions before %2$s (retention %1$s) failed. The job "
            + "runs again within an hour")
    void retentionFailed(String retention, LocalDate cutoff, @Cause Throwable cause);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 18, value = "Keeping raw events for %s (logtally.counter.retention.raw-events) and dropping "
            + "older months hourly. Daily totals and breakdowns are kept forever")
    void rawEventRetention(String retention);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 19, value = "Keeping raw events forever, because logtally.counter.retention.raw-events is not set")
    void rawEventsKeptForever();
}
