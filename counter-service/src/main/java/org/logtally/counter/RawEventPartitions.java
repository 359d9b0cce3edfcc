package org.logtally.counter;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates and drops the monthly partitions of {@code raw_event}, which are named {@code raw_event_YYYY_MM} and
 * cover the days from the first of the month up to, but not including, the first of the next month.
 *
 * <p>Every change runs in its own short transaction that first takes one transaction-level advisory lock, so
 * that several counter instances and the retention job change partitions one at a time. Without the lock, two
 * concurrent {@code CREATE TABLE IF NOT EXISTS} of the same partition can fail with a duplicate key error in
 * the system catalogs.
 */
@Singleton
public class RawEventPartitions {

    /** Key of the advisory lock that guards partition changes: the ASCII bytes of "logtally". */
    static final long PARTITION_LOCK_KEY = 0x6c6f6774616c6c79L;

    private static final Pattern PARTITION_NAME = Pattern.compile("raw_event_(\\d{4})_(\\d{2})");

    private static final String LOCK = "SELECT pg_advisory_xact_lock(" + PARTITION_LOCK_KEY + ")";

    private static final String LIST_PARTITIONS = """
            SELECT child.relname
            FROM pg_inherits
            JOIN pg_class child ON child.oid = pg_inherits.inhrelid
            WHERE pg_inherits.inhparent = 'raw_event'::regclass
            ORDER BY child.relname
            """;

    /** A monthly partition that the retention job dropped. */
    record DroppedPartition(String name, LocalDate from, LocalDate to) {
    }

    private final Pool pool;
    private final Set<YearMonth> knownMonths = ConcurrentHashMap.newKeySet();

    @Inject
    RawEventPartitions(Pool pool) {
        this.pool = pool;
    }

    /** Returns the name of the partition that contains the days of {@code month}. */
    static String partitionName(YearMonth month) {
        return String.format("raw_event_%04d_%02d", month.getYear(), month.getMonthValue());
    }

    /** Returns the month of a partition named {@code raw_event_YYYY_MM}, or empty for any other name. */
    static Optional<YearMonth> monthOf(String partitionName) {
        Matcher matcher = PARTITION_NAME.matcher(partitionName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int month = Integer.parseInt(matcher.group(2));
        if (month < 1 || month > 12) {
            return Optional.empty();
        }
        return Optional.of(YearMonth.of(Integer.parseInt(matcher.group(1)), month));
    }

    /**
     * Creates the partitions of the months that this instance has not seen yet, in one transaction. A partition
     * that exists already, maybe created by another instance, is left as it is.
     */
    Uni<Void> ensure(Set<YearMonth> months) {
        SortedSet<YearMonth> missing = new TreeSet<>();
        for (YearMonth month : months) {
            if (!knownMonths.contains(month)) {
                missing.add(month);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(connection -> connection.query(LOCK).execute()
                        .chain(() -> createAll(connection, new ArrayList<>(missing))))
                .invoke(() -> knownMonths.addAll(missing));
    }

    private static Uni<Void> createAll(SqlConnection connection, List<YearMonth> months) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (YearMonth month : months) {
            chain = chain.chain(() -> connection.query(createStatement(month)).execute()
                    .invoke(() -> CounterLog.LOG.partitionReady(partitionName(month), month.atDay(1),
                            month.plusMonths(1).atDay(1)))
                    .replaceWithVoid());
        }
        return chain;
    }

    /** Returns the DDL that creates the partition of {@code month} unless it exists. */
    static String createStatement(YearMonth month) {
        // DDL takes no bind parameters. The name and dates come from a YearMonth, so they are safe to inline.
        return "CREATE TABLE IF NOT EXISTS " + partitionName(month) + " PARTITION OF raw_event FOR VALUES FROM ('"
                + month.atDay(1) + "') TO ('" + month.plusMonths(1).atDay(1) + "')";
    }

    /**
     * Drops every partition of {@code raw_event} whose range ends on or before {@code cutoff}, so that each of
     * its days lies before the cutoff, and returns the dropped partitions. Partitions whose name is not of the
     * form {@code raw_event_YYYY_MM} are left alone.
     */
    Uni<List<DroppedPartition>> dropEndingBy(LocalDate cutoff) {
        return pool.withTransaction(connection -> connection.query(LOCK).execute()
                .chain(() -> connection.query(LIST_PARTITIONS).execute())
                .chain(partitions -> {
                    List<DroppedPartition> expired = new ArrayList<>();
                    for (Row row : partitions) {
                        String name = row.getString(0);
                        monthOf(name)
                                .filter(month -> !month.plusMonths(1).atDay(1).isAfter(cutoff))
                                .ifPresent(month -> expired.add(new DroppedPartition(name, month.atDay(1),
                                        month.plusMonths(1).atDay(1))));
                    }
                    return dropAll(connection, expired);
                }))
                .invoke(dropped -> dropped.forEach(partition -> forget(partition.from())));
    }

    private static Uni<List<DroppedPartition>> dropAll(SqlConnection connection, List<DroppedPartition> expired) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (DroppedPartition partition : expired) {
            chain = chain.chain(() -> connection.query("DROP TABLE " + partition.name()).execute()
                    .replaceWithVoid());
        }
        return chain.replaceWith(expired);
    }

    private void forget(LocalDate firstDay) {
        knownMonths.remove(YearMonth.from(firstDay));
    }

    /**
     * Forgets every month that this instance has seen, so that the next batch runs {@code CREATE TABLE IF NOT
     * EXISTS} again for its months. Called after a failed batch, in case a partition was dropped behind this
     * instance's back.
     */
    void forgetAll() {
        knownMonths.clear();
    }
}
