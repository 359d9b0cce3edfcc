package org.logtally.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads daily_total and daily_visitor, which counter-service writes. Every day of a requested range gets
 * a row, with zeros where no data exists. Failures become {@link DatabaseQueryException}.
 */
@ApplicationScoped
public class DailyTotalRepository {

    // The days of the range are $1 plus 0, 1, ... up to the number of days between $1 and $2.
    private static final String DAYS_OF_RANGE =
            "SELECT $1::date + i AS day FROM generate_series(0, $2::date - $1::date) AS s(i)";

    private static final String SITE_TOTALS = "WITH days AS (" + DAYS_OF_RANGE + ") "
            + "SELECT days.day, COALESCE(t.visitors, 0) AS visitors, COALESCE(t.hits, 0) AS hits, "
            + "COALESCE(t.bytes, 0) AS bytes, COALESCE(t.bot_hits, 0) AS bot_hits, "
            + "COALESCE(t.bot_visitors, 0) AS bot_visitors "
            + "FROM days LEFT JOIN daily_total t ON t.site = $3 AND t.day = days.day "
            + "ORDER BY days.day";

    // A visitor seen on two sites on the same day counts once, so visitors and bot visitors are counted
    // from daily_visitor and daily_bot_visitor and not summed from daily_total.
    private static final String ALL_SITES_TOTALS = "WITH days AS (" + DAYS_OF_RANGE + "), "
            + "totals AS (SELECT day, sum(hits) AS hits, sum(bytes) AS bytes, sum(bot_hits) AS bot_hits "
            + "FROM daily_total WHERE day BETWEEN $1 AND $2 GROUP BY day), "
            + "visitors AS (SELECT day, count(DISTINCT visitor) AS visitors FROM daily_visitor "
            + "WHERE day BETWEEN $1 AND $2 GROUP BY day), "
            + "bot_visitors AS (SELECT day, count(DISTINCT visitor) AS bot_visitors FROM daily_bot_visitor "
            + "WHERE day BETWEEN $1 AND $2 GROUP BY day) "
            + "SELECT days.day, COALESCE(visitors.visitors, 0)::bigint AS visitors, "
            + "COALESCE(totals.hits, 0)::bigint AS hits, COALESCE(totals.bytes, 0)::bigint AS bytes, "
            + "COALESCE(totals.bot_hits, 0)::bigint AS bot_hits, "
            + "COALESCE(bot_visitors.bot_visitors, 0)::bigint AS bot_visitors "
            + "FROM days LEFT JOIN totals ON totals.day = days.day LEFT JOIN visitors ON visitors.day = days.day "
            + "LEFT JOIN bot_visitors ON bot_visitors.day = days.day "
            + "ORDER BY days.day";

    private static final String LATEST_DAY = "SELECT max(day) AS latest FROM daily_total";
    private static final String LATEST_DAY_OF_SITE = "SELECT max(day) AS latest FROM daily_total WHERE site = $1";
    private static final String SITES = "SELECT DISTINCT site FROM daily_total ORDER BY site";

    private final Pool pool;
    private final Counter queryFailures;

    public DailyTotalRepository(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.queryFailures = Counter.builder("logtally.api.query.failures")
                .description("Database queries of the API that failed, each answered with HTTP 503")
                .register(registry);
    }

    /** Reads the totals of each day of {@code range}, of one site or, when {@code site} is empty, of all sites. */
    public Uni<List<DailyTotal>> dailyTotals(DateRange range, Optional<String> site) {
        Uni<RowSet<Row>> rows = site
                .map(name -> pool.preparedQuery(SITE_TOTALS).execute(Tuple.of(range.from(), range.to(), name)))
                .orElseGet(() -> pool.preparedQuery(ALL_SITES_TOTALS).execute(Tuple.of(range.from(), range.to())));
        return rows.map(DailyTotalRepository::toDailyTotals)
                .onFailure().transform(e -> failed("daily totals " + describe(range, site), e));
    }

    /** Reads the latest day with data, of one site or, when {@code site} is empty, of any site. */
    public Uni<Optional<LocalDate>> latestDay(Optional<String> site) {
        Uni<RowSet<Row>> rows = site
                .map(name -> pool.preparedQuery(LATEST_DAY_OF_SITE).execute(Tuple.of(name)))
                .orElseGet(() -> pool.query(LATEST_DAY).execute());
        return rows.map(result -> Optional.ofNullable(result.iterator().next().getLocalDate("latest")))
                .onFailure().transform(e -> failed("the latest day " + site.map(name -> "of site " + name)
                        .orElse("of all sites"), e));
    }

    /** Reads the names of the sites that have daily totals, sorted. */
    public Uni<List<String>> sites() {
        return pool.query(SITES).execute()
                .map(result -> {
                    List<String> names = new ArrayList<>(result.size());
                    result.forEach(row -> names.add(row.getString("site")));
                    return names;
                })
                .onFailure().transform(e -> failed("the site names", e));
    }

    private static List<DailyTotal> toDailyTotals(RowSet<Row> result) {
        List<DailyTotal> totals = new ArrayList<>(result.size());
        for (Row row : result) {
            totals.add(new DailyTotal(row.getLocalDate("day"), row.getLong("visitors"), row.getLong("hits"),
                    row.getLong("bytes"), row.getLong("bot_hits"), row.getLong("bot_visitors")));
        }
        return totals;
    }

    static String describe(DateRange range, Optional<String> site) {
        return "from " + range.from() + " to " + range.to() + site.map(name -> " of site " + name).orElse(" of all sites");
    }

    DatabaseQueryException failed(String query, Throwable cause) {
        queryFailures.increment();
        ApiLog.LOG.queryFailed(query, cause);
        return new DatabaseQueryException("reading " + query + " from the database failed", cause);
    }
}
