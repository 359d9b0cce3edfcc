package org.logtally.counter;

import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Applies {@code logtally.counter.retention.raw-events}: drops the monthly partitions of {@code raw_event} that
 * lie entirely before the cutoff, and decides which incoming events are too old to be stored.
 *
 * <p>The cutoff is today in UTC minus the retention period. A month is expired when its last day lies before the
 * cutoff. Events of an expired month are not counted, because their partition may be dropped already, and then a
 * redelivered event could no longer be recognised as a duplicate. {@link EventWriter} stores them in
 * {@code rejected_line} instead.
 */
@Singleton
public class RawEventRetention {

    /** Upper bound on one run of the job, so that a hung database cannot block the scheduler thread forever. */
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);

    private final Optional<Period> retention;
    private final RawEventPartitions partitions;
    private final Clock clock;

    @Inject
    RawEventRetention(CounterConfig config, RawEventPartitions partitions) {
        this(config.retention().rawEvents(), partitions, Clock.systemUTC());
    }

    RawEventRetention(Optional<Period> retention, RawEventPartitions partitions, Clock clock) {
        this.retention = retention;
        this.partitions = partitions;
        this.clock = clock;
    }

    /** Returns the first day whose raw events are kept, or empty when raw events are kept forever. */
    Optional<LocalDate> cutoff() {
        return retention.map(period -> LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minus(period));
    }

    /** Returns whether events of {@code day} are too old to be stored for a retention with this cutoff. */
    static boolean expired(LocalDate day, Optional<LocalDate> cutoff) {
        return cutoff.isPresent() && !endOfMonth(day).isAfter(cutoff.get());
    }

    /** Returns the first day of the month after the month of {@code day}: the exclusive end of its partition. */
    static LocalDate endOfMonth(LocalDate day) {
        return YearMonth.from(day).plusMonths(1).atDay(1);
    }

    /** Returns the retention period as the operator set it, for messages. */
    String describe() {
        return retention.map(Period::toString).orElse("unset");
    }

    /**
     * Drops the expired partitions. {@code every} also runs the job once right after start-up. The job does
     * nothing when raw events are kept forever.
     */
    @Scheduled(every = "1h", identity = "raw-event-retention", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dropExpiredPartitions() {
        Optional<LocalDate> cutoff = cutoff();
        if (cutoff.isEmpty()) {
            return;
        }
        try {
            dropPartitionsEndingBy(cutoff.get());
        } catch (RuntimeException e) {
            CounterLog.LOG.retentionFailed(describe(), cutoff.get(), e);
        }
    }

    /** Drops the partitions whose range ends on or before {@code cutoff}, logs each, and returns them. */
    List<RawEventPartitions.DroppedPartition> dropPartitionsEndingBy(LocalDate cutoff) {
        List<RawEventPartitions.DroppedPartition> dropped = partitions.dropEndingBy(cutoff)
                .await().atMost(JOB_TIMEOUT);
        for (RawEventPartitions.DroppedPartition partition : dropped) {
            CounterLog.LOG.partitionDropped(partition.name(), partition.from(), partition.to(), describe(), cutoff);
        }
        return dropped;
    }
}
