package org.logtally.api;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the top values of a breakdown from daily_breakdown and their visitors from daily_breakdown_visitor,
 * which counter-service writes. Failures become {@link DatabaseQueryException}.
 */
@ApplicationScoped
public class BreakdownRepository {

    // The visitors of a value over a range are counted distinct from the visitor table, because a visitor
    // who comes back on several days, or to several sites, counts once. Only the top values are counted.
    private static final String SITE_BREAKDOWN = """
            WITH top AS (
                SELECT value, sum(hits)::bigint AS hits FROM daily_breakdown
                WHERE site = $3 AND dimension = $4 AND day BETWEEN $1 AND $2
                GROUP BY value ORDER BY hits DESC, value LIMIT $5)
            SELECT top.value, top.hits,
                (SELECT count(DISTINCT visitor) FROM daily_breakdown_visitor AS v
                 WHERE v.dimension = $4 AND v.value = top.value AND v.site = $3
                     AND v.day BETWEEN $1 AND $2)::bigint AS visitors
            FROM top ORDER BY top.hits DESC, top.value
            """;

    private static final String ALL_SITES_BREAKDOWN = """
            WITH top AS (
                SELECT value, sum(hits)::bigint AS hits FROM daily_breakdown
                WHERE dimension = $3 AND day BETWEEN $1 AND $2
                GROUP BY value ORDER BY hits DESC, value LIMIT $4)
            SELECT top.value, top.hits,
                (SELECT count(DISTINCT visitor) FROM daily_breakdown_visitor AS v
                 WHERE v.dimension = $3 AND v.value = top.value AND v.day BETWEEN $1 AND $2)::bigint AS visitors
            FROM top ORDER BY top.hits DESC, top.value
            """;

    private final Pool pool;
    private final DailyTotalRepository totals;

    public BreakdownRepository(Pool pool, DailyTotalRepository totals) {
        this.pool = pool;
        this.totals = totals;
    }

    /** Reads at most {@code limit} values of {@code dimension} in {@code range}, ordered by hits, then value. */
    public Uni<List<BreakdownValue>> topValues(BreakdownDimension dimension, DateRange range, Optional<String> site,
            int limit) {
        Uni<RowSet<Row>> rows = site
                .map(name -> pool.preparedQuery(SITE_BREAKDOWN)
                        .execute(Tuple.of(range.from(), range.to(), name, dimension.pathName(), limit)))
                .orElseGet(() -> pool.preparedQuery(ALL_SITES_BREAKDOWN)
                        .execute(Tuple.of(range.from(), range.to(), dimension.pathName(), limit)));
        return rows.map(BreakdownRepository::toValues)
                .onFailure().transform(e -> totals.failed("the " + dimension.pathName() + " breakdown "
                        + DailyTotalRepository.describe(range, site), e));
    }

    private static List<BreakdownValue> toValues(RowSet<Row> result) {
        List<BreakdownValue> values = new ArrayList<>(result.size());
        for (Row row : result) {
            values.add(new BreakdownValue(row.getString("value"), row.getLong("hits"), row.getLong("visitors")));
        }
        return values;
    }
}
