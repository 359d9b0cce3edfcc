package org.logtally.counter;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Adds newly inserted events to {@code daily_breakdown_visitor} and {@code daily_breakdown}, inside the
 * transaction of {@link EventWriter}. Only events that were new in {@code raw_event} reach this class, so a
 * redelivered event adds nothing. The visitors of a value are the new rows of {@code daily_breakdown_visitor},
 * which keeps them exact when several instances count the same day.
 *
 * <p>Country, browser, operating system and device class follow from the visitor (the client address and the
 * user agent), so a visitor has one row in each of these dimensions per day, written in the transaction that
 * adds the visitor to {@code daily_visitor}. The rows of these dimensions are therefore inserted only for the
 * visitors that this transaction added there. When the GeoIP database or the user-agent library changes during a
 * day and classifies a visitor differently, that visitor keeps its first values for the rest of the day. Its
 * later requests add hits to the new values, but no visitor.
 *
 * <p>Status class, path and referrer can change from one request of a visitor to the next, so their rows are
 * inserted for every new event, except rows that {@link KnownRows} remembers as committed.
 */
@Singleton
public class BreakdownWriter {

    private static final String INSERT_VISITORS = """
            INSERT INTO daily_breakdown_visitor (dimension, value, site, day, visitor)
            SELECT dimension, value, site, day, visitor
            FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::bytea[])
                AS input(dimension, value, site, day, visitor)
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

        /**
         * Hashes the dimension by its ordinal. Each event adds seven keys to a map, and the generated hash code
         * of a record reached the enum's identity hash through a slow path in profiles of this service.
         */
        @Override
        public int hashCode() {
            int code = 31 * site.hashCode() + day.hashCode();
            return 31 * (31 * code + dimension.ordinal()) + Objects.hashCode(value);
        }
    }

    /** The dimensions whose value follows from the visitor. */
    private static final Set<Dimension> OF_THE_VISITOR =
            EnumSet.of(Dimension.COUNTRIES, Dimension.BROWSERS, Dimension.OS, Dimension.DEVICES);

    private final KnownRows knownRows;

    BreakdownWriter(KnownRows knownRows) {
        this.knownRows = knownRows;
    }

    /**
     * Inserts the per-value visitors of new events, then adds their hits and new visitors to the breakdowns.
     *
     * @param newVisitors keys of the {@code daily_visitor} rows that this transaction inserted
     * @return the keys of the status, path and referrer rows that exist once the transaction commits
     */
    Uni<List<KnownRows.Key>> write(SqlConnection connection, List<EventRow> fresh, Set<KnownRows.Key> newVisitors) {
        Set<KnownRows.Key> seen = new HashSet<>();
        List<KnownRows.Key> sent = new ArrayList<>();
        List<KnownRows.Key> remembered = new ArrayList<>();
        for (EventRow row : fresh) {
            if (row.visitor() == null) {
                continue;
            }
            boolean newVisitor = newVisitors.contains(
                    KnownRows.visitor(KnownRows.VISITORS, row.site(), row.day(), row.visitor()));
            for (Dimension dimension : Dimension.values()) {
                boolean ofTheVisitor = OF_THE_VISITOR.contains(dimension);
                if (ofTheVisitor && !newVisitor) {
                    continue;
                }
                KnownRows.Key key = KnownRows.breakdown(dimension, row.dimensions().valueOf(dimension), row.site(),
                        row.day(), row.visitor());
                if (!seen.add(key) || (!ofTheVisitor && knownRows.contains(key))) {
                    continue;
                }
                sent.add(key);
                if (!ofTheVisitor) {
                    remembered.add(key);
                }
            }
        }
        sent.sort(null);
        return insertVisitors(connection, sent)
                .emitOn(EventWriter.WORKERS)
                .chain(inserted -> upsertBreakdowns(connection, fresh, inserted))
                .replaceWith(remembered);
    }

    private static Uni<Map<BreakdownKey, Long>> insertVisitors(SqlConnection connection, List<KnownRows.Key> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Tuple columns = Tuple.of(
                keys.stream().map(key -> key.dimension().columnValue()).toArray(String[]::new),
                keys.stream().map(KnownRows.Key::value).toArray(String[]::new),
                keys.stream().map(KnownRows.Key::site).toArray(String[]::new),
                keys.stream().map(KnownRows.Key::day).toArray(LocalDate[]::new),
                keys.stream().map(key -> Buffer.buffer(key.visitor())).toArray(Buffer[]::new));
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
