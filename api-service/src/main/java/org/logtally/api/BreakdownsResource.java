package org.logtally.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/breakdowns/{dimension}?from=YYYY-MM-DD&to=YYYY-MM-DD[&site=NAME][&limit=N]} returns a JSON
 * array of the top {@link BreakdownValue}s of one dimension over the range, ordered by hits (highest first),
 * then by value. The dimensions are {@code status} (2xx, 3xx, 4xx, 5xx, other), {@code paths}, {@code referrers}
 * (host, or {@code (direct)}), {@code countries} (ISO 3166-1 alpha-2, {@code ZZ} when unknown), {@code browsers},
 * {@code os} and {@code devices}.
 *
 * <p>Hits are summed over the days of the range. Visitors are the exact number of distinct visitors over the
 * whole range, counted from daily_breakdown_visitor, so a visitor who comes back on several days counts once.
 * Without {@code site}, values are summed over all sites, and a visitor on several sites counts once.
 *
 * <p>{@code from}, {@code to} and {@code site} have the defaults and limits of {@link DailyVisitorsResource}.
 * {@code limit} is from 1 to 1000, 10 by default. An unknown dimension, a bad date, range or limit gets HTTP 400
 * with {@code {"parameter":"dimension","message":"..."}}.
 */
@Path("/api/v1/breakdowns/{dimension}")
public class BreakdownsResource {

    private final BreakdownRepository breakdowns;
    private final DailyTotalRepository totals;
    private final DateRangeResolver rangeResolver;

    public BreakdownsResource(BreakdownRepository breakdowns, DailyTotalRepository totals,
            DateRangeResolver rangeResolver) {
        this.breakdowns = breakdowns;
        this.totals = totals;
        this.rangeResolver = rangeResolver;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<BreakdownValue>> topValues(@PathParam("dimension") String dimensionName,
            @Context UriInfo uriInfo) {
        BreakdownDimension dimension = BreakdownDimension.parse(dimensionName);
        // Read from UriInfo for the same reason as in DailyVisitorsResource: an empty value must be rejected.
        MultivaluedMap<String, String> query = uriInfo.getQueryParameters();
        Optional<LocalDate> requestedFrom = QueryParameters.parseDate("from", query.getFirst("from"));
        Optional<LocalDate> requestedTo = QueryParameters.parseDate("to", query.getFirst("to"));
        Optional<String> requestedSite = QueryParameters.parseSite(query.getFirst("site"));
        int limit = QueryParameters.parseLimit(query.getFirst("limit"));

        Uni<Optional<LocalDate>> latestDay = requestedTo.isPresent()
                ? Uni.createFrom().item(Optional.empty())
                : totals.latestDay(requestedSite);
        return latestDay
                .map(latest -> rangeResolver.resolve(requestedFrom, requestedTo, latest))
                .flatMap(range -> breakdowns.topValues(dimension, range, requestedSite, limit));
    }
}
