package org.logtally.counter;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds newly inserted events to {@code daily_breakdown_visitor} and {@code daily_breakdown}, inside the
 * transaction of {@link EventWriter}. Only events that were new in {@code raw_event} reach this class, so a
 * redelivered event adds nothing. The visitors of a value are the new rows of {@code daily_breakdown_visitor},
 * which keeps them exact when several instances count the same day.
 *
 * <p>TODO: these visitor rows bound the counter at about 5,000 to 7,000 events per second on 2 cores
 * (docs/benchmarks.md), far below 100,000. Each new visitor costs one row per dimension here on top of its
 * raw_event and daily_visitor rows. Country, browser, system and device follow from the visitor, so their
 * rows could be skipped when the visitor is not new that day, or kept in daily_visitor instead.
 */
@Singleton
public class BreakdownWriter {

    private static final String INSERT_VISITORS = """
            INSERT INTO daily_breakdown_visitor (dimension, value, site, day, visitor)
            SELECT DISTINCT dimension, value, site, day, visitor
            FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::bytea[])
                AS input(dimension, value, site, day, visitor)
            ORDER BY dimension, value, site, day, visitor
            ON CONFLICT DO NOTHING
            RETURNING dimension, value, site, day
            """;

    private static final String UPSERT_BREAKDOWNS = """
            INSERT INTO daily_breakdown AS breakdown (site, day, dimension, value, hits, visitors)
            SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])
                AS input(site, day, dimension, value, hits, visitors)
            ORDER BY site, day, dimension, value
            ON CONFLICT (site, day, dimension, value) DO UPDATE SET
                hits = breakdown.hits + excluded.hits,
                visitors = breakdown.visitors + excluded.visitors
            """;

    /** Key of {@code daily_breakdown}. */
    record BreakdownKey(String site, LocalDate day, Dimension dimension, String value) {
    }

    /** Inserts the per-value visitors of new events, then adds their hits and new visitors to the breakdowns. */
    Uni<Void> write(SqlConnection connection, List<EventRow> fresh) {
        return insertVisitors(connection, fresh)
                .chain(newVisitors -> upsertBreakdowns(connection, fresh, newVisitors));
    }

    private static Uni<Map<BreakdownKey, Long>> insertVisitors(SqlConnection connection, List<EventRow> fresh) {
        List<String> dimensions = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> sites = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        List<Buffer> visitors = new ArrayList<>();
        for (EventRow row : fresh) {
            if (row.visitor() == null) {
                continue;
            }
            Buffer visitor = Buffer.buffer(row.visitor());
            for (Dimension dimension : Dimension.values()) {
                dimensions.add(dimension.columnValue());
                values.add(row.dimensions().valueOf(dimension));
                sites.add(row.site());
                days.add(row.day());
                visitors.add(visitor);
            }
        }
        if (visitors.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Tuple columns = Tuple.of(
                dimensions.toArray(String[]::new),
                values.toArray(String[]::new),
                sites.toArray(String[]::new),
                days.toArray(LocalDate[]::new),
                visitors.toArray(Buffer[]::new));
        return connection.preparedQuery(INSERT_VISITORS).execute(columns)
                .map(inserted -> {
                    Map<BreakdownKey, Long> perKey = new LinkedHashMap<>();
                    for (Row row : inserted) {
                        BreakdownKey key = new BreakdownKey(row.getString(2), row.getLocalDate(3),
                                dimensionOf(row.getString(0)), row.getString(1));
                        perKey.merge(key, 1L, Long::sum);
                    }
                    return perKey;
                });
    }

    private static Uni<Void> upsertBreakdowns(SqlConnection connection, List<EventRow> fresh,
            Map<BreakdownKey, Long> newVisitors) {
        // One row per key, because ON CONFLICT DO UPDATE cannot affect the same row twice in one statement.
        Map<BreakdownKey, Long> hits = new LinkedHashMap<>();
        for (EventRow row : fresh) {
            for (Dimension dimension : Dimension.values()) {
                BreakdownKey key = new BreakdownKey(row.site(), row.day(), dimension,
                        row.dimensions().valueOf(dimension));
                hits.merge(key, 1L, Long::sum);
            }
        }
        List<BreakdownKey> keys = new ArrayList<>(hits.keySet());
        Tuple columns = Tuple.of(
                keys.stream().map(BreakdownKey::site).toArray(String[]::new),
                keys.stream().map(BreakdownKey::day).toArray(LocalDate[]::new),
                keys.stream().map(key -> key.dimension().columnValue()).toArray(String[]::new),
                keys.stream().map(BreakdownKey::value).toArray(String[]::new),
                keys.stream().map(hits::get).toArray(Long[]::new),
                keys.stream().map(key -> newVisitors.getOrDefault(key, 0L)).toArray(Long[]::new));
        return connection.preparedQuery(UPSERT_BREAKDOWNS).execute(columns).replaceWithVoid();
    }

    private static Dimension dimensionOf(String columnValue) {
        for (Dimension dimension : Dimension.values()) {
            if (dimension.columnValue().equals(columnValue)) {
                return dimension;
            }
        }
        throw new IllegalStateException("daily_breakdown_visitor returned unknown dimension " + columnValue);
    }
}
