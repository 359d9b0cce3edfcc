package org.logtally.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * JSON body of an error response.
 *
 * @param parameter the query parameter that was rejected, or null when the error is not about a
 *                  parameter. A null parameter is left out of the JSON.
 * @param message   what failed, on which value, and what the client should send instead
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String parameter, String message) {
}
