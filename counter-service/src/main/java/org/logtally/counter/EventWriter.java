package org.logtally.counter;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
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
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes events and their daily counts inside a transaction that the caller opens.
 *
 * <p>The multi-row statements run in this order: events older than the raw event retention into
 * {@code rejected_line}, then the other raw events, then the visitors and the bot visitors of the events that
 * were new, then their breakdowns ({@link BreakdownWriter}), then their totals. The totals come last because
 * every transaction of a day updates the same {@code daily_total} row, which stays locked until the commit.
 * Updating it last keeps that wait short for the other instances. A redelivered
 * event is skipped by {@code ON CONFLICT (event_id, day) DO NOTHING} and adds nothing to any count. The
 * partitions of the events' months must exist before the transaction starts ({@link RawEventPartitions}).
 *
 * <p>Each statement inserts its rows sorted by key, and every transaction visits the tables in
 * the same order, so concurrent instances lock shared keys in the same order. The rows of
 * {@code raw_event} and of the visitor tables are sorted here, on the worker threads, because
 * sorting them with {@code ORDER BY} took PostgreSQL about a sixth of each insert of 2,000 rows.
 * PostgreSQL inserts the rows of {@code INSERT ... SELECT ... FROM unnest(...)} in array order,
 * although its documentation does not promise it. A deadlock that happens anyway fails the
 * transaction, which is then retried like any other failed batch.
 */
// TODO: the pipeline keeps up with about 31,000 lines per second on 2 cores once warmed up, a third of the
// 100,000 target. Per event, counter-service spends about 20 µs of CPU and PostgreSQL about 30 µs
// (docs/benchmarks.md). Of PostgreSQL's share, about 14 µs go to the raw_event row (21 unnested columns
// and a primary key checked per row) and 11 µs to each new daily_breakdown_visitor row, measured with
// pg_stat_statements. The next change to try: store the raw lines of a message as one row, and recognise
// duplicates by ranges of file key and offset, which the events would then have to carry. That would remove
// most of the raw_event cost. The counter's own work would still need to shrink.
@Singleton
public class EventWriter {

    /**
     * Executor of the work between the statements. The database client calls back on its event loop, which also
     * encodes and decodes the statements of every connection. The per-event work of building the columns and
     * choosing the rows therefore runs on the worker threads, where two batches can use two cores.
     */
    static final Executor WORKERS = Infrastructure.getDefaultWorkerPool();

    /**
     * Inserts the raw events and returns the ids of those that were stored already. Returning the few duplicates
     * instead of every inserted id saves sending and decoding a row per event.
     */
    private static final String INSERT_RAW_EVENTS = """
            WITH inserted AS (
                INSERT INTO raw_event (event_id, site, file, file_offset, request_time, time_text, day, client,
                        remote_user, method, path, protocol, status, bytes, referer, user_agent, raw, country,
                        browser, operating_system, device_class)
                SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::timestamptz[],
                        $6::text[], $7::date[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
                        $13::integer[], $14::bigint[], $15::text[], $16::text[], $17::bytea[], $18::text[],
                        $19::text[], $20::text[], $21::text[])
                    AS input(event_id, site, file, file_offset, request_time, time_text, day, client, remote_user,
                        method, path, protocol, status, bytes, referer, user_agent, raw, country, browser,
                        operating_system, device_class)
                ON CONFLICT (event_id, day) DO NOTHING
                RETURNING event_id
            )
            SELECT id FROM unnest($1::uuid[]) AS sent(id)
            EXCEPT
            SELECT event_id FROM inserted
            """;

    /**
     * Inserts distinct rows into {@code daily_visitor} or {@code daily_bot_visitor}, whose columns are the same, and
     * returns the new ones.
     */
    private static final String INSERT_VISITORS = """
            INSERT INTO %s (site, day, visitor)
            SELECT site, day, visitor
            FROM unnest($1::text[], $2::date[], $3::bytea[]) AS input(site, day, visitor)
            ON CONFLICT DO NOTHING
            RETURNING site, day, visitor
            """;

    private static final String INSERT_HUMAN_VISITORS = INSERT_VISITORS.formatted(KnownRows.VISITORS);
    private static final String INSERT_BOT_VISITORS = INSERT_VISITORS.formatted(KnownRows.BOT_VISITORS);

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

    /** Visitor rows that a batch inserted, and the rows it sent, which all exist once it commits. */
    private record VisitorRows(List<KnownRows.Key> inserted, List<KnownRows.Key> sent) {

        static final VisitorRows NONE = new VisitorRows(List.of(), List.of());

        /** Returns how many rows were inserted for each site and day. */
        Map<SiteDay, Long> perDay() {
            Map<SiteDay, Long> perDay = new LinkedHashMap<>();
            for (KnownRows.Key key : inserted) {
                perDay.merge(new SiteDay(key.site(), key.day()), 1L, Long::sum);
            }
            return perDay;
        }
    }

    /** New visitors and new bot visitors of each site and day, and the visitor rows that a batch sent. */
    private record NewVisitors(Map<SiteDay, Long> visitors, Map<SiteDay, Long> botVisitors, VisitorRows humanRows,
            VisitorRows botRows) {

        NewVisitors(VisitorRows humanRows, VisitorRows botRows) {
            this(humanRows.perDay(), botRows.perDay(), humanRows, botRows);
        }
    }

    private final BreakdownWriter breakdownWriter;
    private final RejectedLineWriter rejectedLineWriter;
    private final RawEventRetention retention;
    private final KnownRows knownRows;

    EventWriter(BreakdownWriter breakdownWriter, RejectedLineWriter rejectedLineWriter, RawEventRetention retention,
            KnownRows knownRows) {
        this.breakdownWriter = breakdownWriter;
        this.rejectedLineWriter = rejectedLineWriter;
        this.retention = retention;
        this.knownRows = knownRows;
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
     * @param visitorRows visitor rows that exist once the transaction commits, for {@link KnownRows}
     */
    record Result(long inserted, long duplicates, long newVisitors, long newBotVisitors, List<UUID> expired,
            Optional<LocalDate> cutoff, List<KnownRows.Key> visitorRows) {
    }

    /**
     * Inserts the events that are not stored yet and adds them to the daily visitors and totals. Events older than
     * the raw event retention are stored in {@code rejected_line} and counted nowhere else.
     */
    Uni<Result> write(SqlConnection connection, List<EventRow> rows) {
        return Uni.createFrom().voidItem().emitOn(WORKERS).chain(() -> writeOnWorker(connection, rows));
    }

    private Uni<Result> writeOnWorker(SqlConnection connection, List<EventRow> rows) {
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
            return rejected.map(ignored -> new Result(0, repeatedInBatch, 0, 0, expiredIds, cutoff, List.of()));
        }
        List<EventRow> sorted = new ArrayList<>(retained);
        sorted.sort((left, right) -> left.id().compareTo(right.id()));
        Tuple rawEvents = rawEventColumns(sorted);
        // NOTE: the key contains day, which depends on logtally.counter.time-zone. When that setting changes
        // between the first delivery of an event and a redelivery, the redelivery can fall on another day, is not
        // recognised as a duplicate, and is counted a second time.
        return rejected.chain(() -> connection.preparedQuery(INSERT_RAW_EVENTS).execute(rawEvents))
                .emitOn(WORKERS)
                .chain(storedAlready -> {
                    List<EventRow> fresh = freshRows(retained, storedAlready);
                    long duplicates = repeatedInBatch + retained.size() - fresh.size();
                    if (fresh.isEmpty()) {
                        return Uni.createFrom().item(new Result(0, duplicates, 0, 0, expiredIds, cutoff, List.of()));
                    }
                    return countFresh(connection, fresh)
                            .map(counted -> new Result(fresh.size(), duplicates, counted.newVisitors(),
                                    counted.newBotVisitors(), expiredIds, cutoff, counted.visitorRows()));
                });
    }

    /** Counts that the new events added, and the visitor rows that exist once the transaction commits. */
    private record Counted(long newVisitors, long newBotVisitors, List<KnownRows.Key> visitorRows) {
    }

    /** Adds new events to the visitors, the breakdowns and the totals, in that order. */
    private Uni<Counted> countFresh(SqlConnection connection, List<EventRow> fresh) {
        return insertVisitors(connection, INSERT_HUMAN_VISITORS, KnownRows.VISITORS, fresh, EventRow::visitor)
                .chain(humanRows -> insertVisitors(connection, INSERT_BOT_VISITORS, KnownRows.BOT_VISITORS, fresh,
                        EventRow::botVisitor)
                        .map(botRows -> new NewVisitors(humanRows, botRows)))
                .chain(newVisitors -> breakdownWriter
                        .write(connection, fresh, new HashSet<>(newVisitors.humanRows().inserted()))
                        .call(() -> upsertTotals(connection, fresh, newVisitors))
                        .map(breakdownRows -> counted(newVisitors, breakdownRows)));
    }

    private static Counted counted(NewVisitors newVisitors, List<KnownRows.Key> breakdownRows) {
        List<KnownRows.Key> known = new ArrayList<>(newVisitors.humanRows().sent());
        known.addAll(newVisitors.botRows().sent());
        known.addAll(breakdownRows);
        return new Counted(count(newVisitors.visitors()), count(newVisitors.botVisitors()), known);
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

    /** Returns the rows whose ids are not among the ids that were stored already. The rows have distinct ids. */
    private static List<EventRow> freshRows(List<EventRow> rows, RowSet<Row> storedAlready) {
        if (storedAlready.size() == 0) {
            return rows;
        }
        Set<UUID> duplicateIds = new HashSet<>();
        for (Row row : storedAlready) {
            duplicateIds.add(row.getUUID(0));
        }
        return rows.stream().filter(row -> !duplicateIds.contains(row.id())).toList();
    }

    /**
     * Inserts the visitor rows of new events that this instance does not know to exist already, each once, and
     * returns which of them were new.
     */
    private Uni<VisitorRows> insertVisitors(SqlConnection connection, String insert, String table,
            List<EventRow> fresh, Function<EventRow, byte[]> visitorOf) {
        Set<KnownRows.Key> seen = new HashSet<>();
        List<KnownRows.Key> sent = new ArrayList<>();
        for (EventRow row : fresh) {
            byte[] visitor = visitorOf.apply(row);
            if (visitor == null) {
                continue;
            }
            KnownRows.Key key = KnownRows.visitor(table, row.site(), row.day(), visitor);
            if (seen.add(key) && !knownRows.contains(key)) {
                sent.add(key);
            }
        }
        if (sent.isEmpty()) {
            return Uni.createFrom().item(VisitorRows.NONE);
        }
        sent.sort(null);
        Tuple columns = Tuple.of(
                sent.stream().map(KnownRows.Key::site).toArray(String[]::new),
                sent.stream().map(KnownRows.Key::day).toArray(LocalDate[]::new),
                sent.stream().map(key -> Buffer.buffer(key.visitor())).toArray(Buffer[]::new));
        return connection.preparedQuery(insert).execute(columns)
                .emitOn(WORKERS)
                .map(inserted -> {
                    List<KnownRows.Key> keys = new ArrayList<>(inserted.size());
                    for (Row row : inserted) {
                        keys.add(KnownRows.visitor(table, row.getString(0), row.getLocalDate(1),
                                row.getBuffer(2).getBytes()));
                    }
                    return new VisitorRows(keys, sent);
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
        int size = rows.size();
        UUID[] ids = new UUID[size];
        String[] sites = new String[size];
        String[] files = new String[size];
        Long[] offsets = new Long[size];
        OffsetDateTime[] requestTimes = new OffsetDateTime[size];
        String[] timeTexts = new String[size];
        LocalDate[] days = new LocalDate[size];
        String[] clients = new String[size];
        String[] users = new String[size];
        String[] methods = new String[size];
        String[] paths = new String[size];
        String[] protocols = new String[size];
        Integer[] statuses = new Integer[size];
        Long[] bytes = new Long[size];
        String[] referers = new String[size];
        String[] userAgents = new String[size];
        Buffer[] raws = new Buffer[size];
        String[] countries = new String[size];
        String[] browsers = new String[size];
        String[] operatingSystems = new String[size];
        String[] deviceClasses = new String[size];
        for (int i = 0; i < size; i++) {
            EventRow row = rows.get(i);
            ids[i] = row.id();
            sites[i] = row.site();
            files[i] = row.file();
            offsets[i] = row.offset();
            requestTimes[i] = row.requestTime();
            timeTexts[i] = row.timeText();
            days[i] = row.day();
            clients[i] = row.client();
            users[i] = row.user();
            methods[i] = row.method();
            paths[i] = row.path();
            protocols[i] = row.protocol();
            statuses[i] = row.status();
            bytes[i] = row.bytes();
            referers[i] = row.referer();
            userAgents[i] = row.userAgent();
            raws[i] = Buffer.buffer(row.raw());
            countries[i] = row.dimensions().country();
            browsers[i] = row.dimensions().userAgent().browser();
            operatingSystems[i] = row.dimensions().userAgent().operatingSystem();
            deviceClasses[i] = row.dimensions().userAgent().deviceClass();
        }
        return Tuple.tuple(List.<Object>of(ids, sites, files, offsets, requestTimes, timeTexts, days, clients, users,
                methods, paths, protocols, statuses, bytes, referers, userAgents, raws, countries, browsers,
                operatingSystems, deviceClasses));
    }

    private static long count(Map<SiteDay, Long> perDay) {
        return perDay.values().stream().mapToLong(Long::longValue).sum();
    }
}
