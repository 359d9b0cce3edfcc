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
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Writes events and their daily counts inside a transaction that the caller opens.
 *
 * <p>The multi-row statements run in this order: raw events, then the visitors and the bot visitors of the
 * events that were new, then the totals of those events, then their breakdowns ({@link BreakdownWriter}). A
 * redelivered event is skipped by {@code ON CONFLICT (event_id) DO NOTHING} and adds nothing to any count.
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
            ON CONFLICT (event_id) DO NOTHING
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

    EventWriter(BreakdownWriter breakdownWriter) {
        this.breakdownWriter = breakdownWriter;
    }

    /**
     * Outcome of one write.
     *
     * @param inserted    events stored for the first time
     * @param duplicates  events skipped because their id was stored already, or because the batch contained
     *                    their id twice
     * @param newVisitors visitors added to {@code daily_visitor}
     * @param newBotVisitors bot visitors added to {@code daily_bot_visitor}
     */
    record Result(long inserted, long duplicates, long newVisitors, long newBotVisitors) {
    }

    /** Inserts the events that are not stored yet and adds them to the daily visitors and totals. */
    Uni<Result> write(SqlConnection connection, List<EventRow> rows) {
        List<EventRow> unique = uniqueById(rows);
        long repeatedInBatch = rows.size() - unique.size();
        if (unique.isEmpty()) {
            return Uni.createFrom().item(new Result(0, repeatedInBatch, 0, 0));
        }
        return connection.preparedQuery(INSERT_RAW_EVENTS).execute(rawEventColumns(unique))
                .chain(inserted -> {
                    List<EventRow> fresh = freshRows(unique, inserted);
                    long duplicates = repeatedInBatch + unique.size() - fresh.size();
                    if (fresh.isEmpty()) {
                        return Uni.createFrom().item(new Result(0, duplicates, 0, 0));
                    }
                    return insertAllVisitors(connection, fresh)
                            .call(newVisitors -> upsertTotals(connection, fresh, newVisitors))
                            .call(() -> breakdownWriter.write(connection, fresh))
                            .map(newVisitors -> new Result(fresh.size(), duplicates, count(newVisitors.visitors()),
                                    count(newVisitors.botVisitors())));
                });
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
