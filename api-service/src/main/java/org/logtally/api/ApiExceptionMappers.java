package org.logtally.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns the API's exceptions into JSON error responses instead of Quarkus's default error pages. */
public class ApiExceptionMappers {

    private final MeterRegistry registry;

    public ApiExceptionMappers(MeterRegistry registry) {
        this.registry = registry;
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> invalidParameter(InvalidParameterException e) {
        ApiLog.LOG.parameterRejected(e.parameter(), e.getMessage());
        Counter.builder("logtally.api.rejected.requests")
                .description("Requests answered with HTTP 400, by the rejected query parameter")
                .tag("parameter", e.parameter())
                .register(registry)
                .increment();
        return json(Response.Status.BAD_REQUEST, new ApiError(e.parameter(), e.getMessage()));
    }

    /** Maps a failed query to HTTP 503. The cause is logged where the query failed and stays out of the body. */
    @ServerExceptionMapper
    public RestResponse<ApiError> databaseQueryFailed(DatabaseQueryException e) {
        return json(Response.Status.SERVICE_UNAVAILABLE,
                new ApiError(null, e.getMessage() + ". Try again later."));
    }

    private static RestResponse<ApiError> json(Response.Status status, ApiError error) {
        return RestResponse.ResponseBuilder.create(status, error).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
