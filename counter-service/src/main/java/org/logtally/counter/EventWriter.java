package org.logtally.counter;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes events and their daily counts inside a transaction that the caller opens.
 *
 * <p>The multi-row statements run in this order: events older than the raw event retention into
 * {@code rejected_line}, then the other raw events, then the visitors and the bot visitors of the events that
 * were new, then the totals of those events, then their breakdowns ({@link BreakdownWriter}). A redelivered
 * event is skipped by {@code ON CONFLICT (event_id, day) DO NOTHING} and adds nothing to any count. The
 * partitions of the events' months must exist before the transaction starts ({@link RawEventPartitions}).
 *
 * <p>Each statement inserts its rows sorted by key, and every transaction visits the tables in
 * the same order, so concurrent instances lock shared keys in the same order. PostgreSQL inserts
 * the rows of {@code INSERT ... SELECT ... ORDER BY} in that order, although its documentation
 * does not promise it. A deadlock that happens anyway fails the transaction, which is then retried
 * like any other failed batch.
 */
@Singleton
public class EventWriter {

    private static final String INSERT_RAW_EVENTS = """
            INSERT INTO raw_event (event_id, site, file, file_offset, request_time, time_text, day, client,
                    remote_user, method, path, protocol, status, bytes, referer, user_agent, raw, country, browser,
                    operating_system, device_class)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::timestamptz[], $6::text[],
                    $7::date[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::integer[],
                    $14::bigint[], $15::text[], $16::text[], $17::bytea[], $18::text[], $19::text[], $20::text[],
                    $21::text[])
                AS input(event_id, site, file, file_offset, request_time, time_text, day, client, remote_user,
                    method, path, protocol, status, bytes, referer, user_agent, raw, country, browser,
                    operating_system, device_class)
            ORDER BY event_id
            ON CONFLICT (event_id, day) DO NOTHING
            RETURNING event_id
            """;

    /** Inserts into {@code daily_visitor} or {@code daily_bot_visitor}, whose columns are the same. */
    private static final String INSERT_VISITORS = """
            INSERT INTO %s (site, day, visitor)
            SELECT DISTINCT site, day, visitor
            FROM unnest($1::text[], $2::date[], $3::bytea[]) AS input(site, day, visitor)
            ORDER BY site, day, visitor
            ON CONFLICT DO NOTHING
            RETURNING site, day
            """;

    private static final String INSERT_HUMAN_VISITORS = INSERT_VISITORS.formatted("daily_visitor");
    private static final String INSERT_BOT_VISITORS = INSERT_VISITORS.formatted("daily_bot_visitor");

    private static final String UPSERT_TOTALS = """
            INSERT INTO daily_total AS total (site, day, hits, visitors, bytes, bot_hits, bot_visitors)
            SELECT * FROM unnest($1::text[], $2::date[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[],
                    $7::bigint[])
                AS input(site, day, hits, visitors, bytes, bot_hits, bot_visitors)
            ORDER BY site, day
            ON CONFLICT (site, day) DO UPDATE SET
                hits = total.hits + excluded.hits,
                visitors = total.visitors + excluded.visitors,
                bytes = total.bytes + excluded.bytes,
                bot_hits = total.bot_hits + excluded.bot_hits,
                bot_visitors = total.bot_visitors + excluded.bot_visitors
            """;

    /** Site and day, the key of {@code daily_total}. */
    record SiteDay(String site, LocalDate day) {
    }

    /** New visitors and new bot visitors of each site and day. */
    private record NewVisitors(Map<SiteDay, Long> visitors, Map<SiteDay, Long> botVisitors) {
    }

    private final BreakdownWriter breakdownWriter;
    private final RejectedLineWriter rejectedLineWriter;
    private final RawEventRetention retention;

    EventWriter(BreakdownWriter breakdownWriter, RejectedLineWriter rejectedLineWriter, RawEventRetention retention) {
        this.breakdownWriter = breakdownWriter;
        this.rejectedLineWriter = rejectedLineWriter;
        this.retention = retention;
    }

    /**
     * Outcome of one write.
     *
     * @param inserted    events stored for the first time
     * @param duplicates  events skipped because their id was stored already, or because the batch contained
     *                    their id twice
     * @param newVisitors visitors added to {@code daily_visitor}
     * @param newBotVisitors bot visitors added to {@code daily_bot_visitor}
     * @param expired     ids of the distinct events that were older than the raw event retention and went to
     *                    {@code rejected_line} instead
     * @param cutoff      first day whose raw events are kept, or empty when raw events are kept forever
     */
    record Result(long inserted, long duplicates, long newVisitors, long newBotVisitors, List<UUID> expired,
            Optional<LocalDate> cutoff) {
    }

    /**
     * Inserts the events that are not stored yet and adds them to the daily visitors and totals. Events older than
     * the raw event retention are stored in {@code rejected_line} and counted nowhere else.
     */
    Uni<Result> write(SqlConnection connection, List<EventRow> rows) {
        Optional<LocalDate> cutoff = retention.cutoff();
        List<EventRow> unique = uniqueById(rows);
        long repeatedInBatch = rows.size() - unique.size();
        Map<Boolean, List<EventRow>> byExpiry = unique.stream()
                .collect(Collectors.partitioningBy(row -> RawEventRetention.expired(row.day(), cutoff)));
        List<EventRow> retained = byExpiry.get(false);
        List<EventRow> expired = byExpiry.get(true);
        List<UUID> expiredIds = expired.stream().map(EventRow::id).toList();
        Uni<Long> rejected = rejectedLineWriter.write(connection, expiredLines(expired, cutoff));
        if (retained.isEmpty()) {
            return rejected.map(ignored -> new Result(0, repeatedInBatch, 0, 0, expiredIds, cutoff));
        }
        // NOTE: the key contains day, which depends on logtally.counter.time-zone. When that setting changes
        // between the first delivery of an event and a redelivery, the redelivery can fall on another day, is not
        // recognised as a duplicate, and is counted a second time.
        return rejected.chain(() -> connection.preparedQuery(INSERT_RAW_EVENTS).execute(rawEventColumns(retained)))
                .chain(inserted -> {
                    List<EventRow> fresh = freshRows(retained, inserted);
                    long duplicates = repeatedInBatch + retained.size() - fresh.size();
                    if (fresh.isEmpty()) {
                        return Uni.createFrom().item(new Result(0, duplicates, 0, 0, expiredIds, cutoff));
                    }
                    return insertAllVisitors(connection, fresh)
                            .call(newVisitors -> upsertTotals(connection, fresh, newVisitors))
                            .call(() -> breakdownWriter.write(connection, fresh))
                            .map(newVisitors -> new Result(fresh.size(), duplicates, count(newVisitors.visitors()),
                                    count(newVisitors.botVisitors()), expiredIds, cutoff));
                });
    }

    private List<RejectedLineRow> expiredLines(List<EventRow> expired, Optional<LocalDate> cutoff) {
        List<RejectedLineRow> lines = new ArrayList<>(expired.size());
        for (EventRow row : expired) {
            String reason = "day " + row.day() + " is in a month older than the raw event retention "
                    + retention.describe() + " (cutoff " + cutoff.orElseThrow() + "), so the event is not "
                    + "counted: its raw_event partition may be dropped already, and then a redelivery could not "
                    + "be recognised as a duplicate";
            lines.add(new RejectedLineRow(row.id(), row.site(), row.file(), row.offset(), reason, row.raw()));
        }
        return lines;
    }

    private static List<EventRow> uniqueById(List<EventRow> rows) {
        Map<UUID, EventRow> byId = new LinkedHashMap<>();
        for (EventRow row : rows) {
            byId.putIfAbsent(row.id(), row);
        }
        return new ArrayList<>(byId.values());
    }

    private static List<EventRow> freshRows(List<EventRow> rows, RowSet<Row> inserted) {
        Set<UUID> insertedIds = new HashSet<>();
        for (Row row : inserted) {
            insertedIds.add(row.getUUID(0));
        }
        return rows.stream().filter(row -> insertedIds.contains(row.id())).toList();
    }

    private static Uni<NewVisitors> insertAllVisitors(SqlConnection connection, List<EventRow> fresh) {
        return insertVisitors(connection, INSERT_HUMAN_VISITORS, fresh, EventRow::visitor)
                .chain(visitors -> insertVisitors(connection, INSERT_BOT_VISITORS, fresh, EventRow::botVisitor)
                        .map(botVisitors -> new NewVisitors(visitors, botVisitors)));
    }

    /** Inserts the visitor hashes of new events and returns how many were new for each site and day. */
    private static Uni<Map<SiteDay, Long>> insertVisitors(SqlConnection connection, String insert,
            List<EventRow> fresh, Function<EventRow, byte[]> visitorOf) {
        List<EventRow> counted = fresh.stream().filter(row -> visitorOf.apply(row) != null).toList();
        if (counted.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Tuple columns = Tuple.of(
                counted.stream().map(EventRow::site).toArray(String[]::new),
                counted.stream().map(EventRow::day).toArray(LocalDate[]::new),
                counted.stream().map(row -> Buffer.buffer(visitorOf.apply(row))).toArray(Buffer[]::new));
        return connection.preparedQuery(insert).execute(columns)
                .map(inserted -> {
                    Map<SiteDay, Long> perDay = new LinkedHashMap<>();
                    for (Row row : inserted) {
                        perDay.merge(new SiteDay(row.getString(0), row.getLocalDate(1)), 1L, Long::sum);
                    }
                    return perDay;
                });
    }

    private static Uni<Void> upsertTotals(SqlConnection connection, List<EventRow> fresh, NewVisitors newVisitors) {
        // One row per key, because ON CONFLICT DO UPDATE cannot affect the same row twice in one statement.
        // The sums are hits, bytes and bot hits.
        Map<SiteDay, long[]> sumsByDay = new LinkedHashMap<>();
        for (EventRow row : fresh) {
            long[] sums = sumsByDay.computeIfAbsent(new SiteDay(row.site(), row.day()), key -> new long[3]);
            sums[0]++;
            sums[1] += row.bytes();
            if (row.dimensions().bot()) {
                sums[2]++;
            }
        }
        List<SiteDay> keys = new ArrayList<>(sumsByDay.keySet());
        Tuple columns = Tuple.tuple(List.<Object>of(
                keys.stream().map(SiteDay::site).toArray(String[]::new),
                keys.stream().map(SiteDay::day).toArray(LocalDate[]::new),
                keys.stream().map(key -> sumsByDay.get(key)[0]).toArray(Long[]::new),
                keys.stream().map(key -> newVisitors.visitors().getOrDefault(key, 0L)).toArray(Long[]::new),
                keys.stream().map(key -> sumsByDay.get(key)[1]).toArray(Long[]::new),
                keys.stream().map(key -> sumsByDay.get(key)[2]).toArray(Long[]::new),
                keys.stream().map(key -> newVisitors.botVisitors().getOrDefault(key, 0L)).toArray(Long[]::new)));
        return connection.preparedQuery(UPSERT_TOTALS).execute(columns).replaceWithVoid();
    }

    private static Tuple rawEventColumns(List<EventRow> rows) {
        return Tuple.tuple(List.<Object>of(
                rows.stream().map(EventRow::id).toArray(UUID[]::new),
                rows.stream().map(EventRow::site).toArray(String[]::new),
                rows.stream().map(EventRow::file).toArray(String[]::new),
                rows.stream().map(EventRow::offset).toArray(Long[]::new),
                rows.stream().map(EventRow::requestTime).toArray(OffsetDateTime[]::new),
                rows.stream().map(EventRow::timeText).toArray(String[]::new),
                rows.stream().map(EventRow::day).toArray(LocalDate[]::new),
                rows.stream().map(EventRow::client).toArray(String[]::new),
                rows.stream().map(EventRow::user).toArray(String[]::new),
                rows.stream().map(EventRow::method).toArray(String[]::new),
                rows.stream().map(EventRow::path).toArray(String[]::new),
                rows.stream().map(EventRow::protocol).toArray(String[]::new),
                rows.stream().map(EventRow::status).toArray(Integer[]::new),
                rows.stream().map(EventRow::bytes).toArray(Long[]::new),
                rows.stream().map(EventRow::referer).toArray(String[]::new),
                rows.stream().map(EventRow::userAgent).toArray(String[]::new),
                rows.stream().map(row -> Buffer.buffer(row.raw())).toArray(Buffer[]::new),
                rows.stream().map(row -> row.dimensions().country()).toArray(String[]::new),
                rows.stream().map(row -> row.dimensions().userAgent().browser()).toArray(String[]::new),
                rows.stream().map(row -> row.dimensions().userAgent().operatingSystem()).toArray(String[]::new),
                rows.stream().map(row -> row.dimensions().userAgent().deviceClass()).toArray(String[]::new)));
    }

    private static long count(Map<SiteDay, Long> perDay) {
        return perDay.values().stream().mapToLong(Long::longValue).sum();
    }
}
