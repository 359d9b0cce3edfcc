package org.logtally.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/visitors/daily?from=YYYY-MM-DD&to=YYYY-MM-DD[&site=NAME]} returns a JSON array with
 * one {@link DailyTotal} per day from {@code from} to {@code to}, both included, ordered by day. Days
 * without data are included with zeros, so that a chart gets a continuous axis.
 *
 * <p>With {@code site}, the values are that site's daily_total row. Without it, hits, bytes and bot hits are
 * summed over all sites, and visitors and bot visitors are the distinct ones of the day across all sites.
 *
 * <p>A missing {@code to} defaults to the latest day with data (of {@code site} when given), or to today
 * in UTC when there is none. A missing {@code from} defaults to {@code to} minus
 * ({@code logtally.api.default-range-days} - 1) days, so 30 days before {@code to} with the default of 31.
 * A range may span at most {@code logtally.api.max-range-days} days, 366 by default.
 *
 * <p>A malformed date, {@code from} after {@code to}, a range over the maximum or an empty {@code site}
 * gets HTTP 400 with {@code {"parameter":"from","message":"..."}}.
 */
@Path("/api/v1/visitors/daily")
public class DailyVisitorsResource {

    private final DailyTotalRepository repository;
    private final DateRangeResolver rangeResolver;

    public DailyVisitorsResource(DailyTotalRepository repository, DateRangeResolver rangeResolver) {
        this.repository = repository;
        this.rangeResolver = rangeResolver;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<DailyTotal>> dailyTotals(@Context UriInfo uriInfo) {
        // The parameters are read from UriInfo because Quarkus REST turns an empty @RestQuery value into
        // null, and an empty value must be rejected, not treated as absent.
        MultivaluedMap<String, String> query = uriInfo.getQueryParameters();
        Optional<LocalDate> requestedFrom = QueryParameters.parseDate("from", query.getFirst("from"));
        Optional<LocalDate> requestedTo = QueryParameters.parseDate("to", query.getFirst("to"));
        Optional<String> requestedSite = QueryParameters.parseSite(query.getFirst("site"));

        // The latest day with data is read only when the request leaves out to.
        Uni<Optional<LocalDate>> latestDay = requestedTo.isPresent()
                ? Uni.createFrom().item(Optional.empty())
                : repository.latestDay(requestedSite);
        return latestDay
                .map(latest -> rangeResolver.resolve(requestedFrom, requestedTo, latest))
                .flatMap(range -> repository.dailyTotals(range, requestedSite));
    }
}
