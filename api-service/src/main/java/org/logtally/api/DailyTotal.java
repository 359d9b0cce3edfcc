package org.logtally.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.LocalDate;

/**
 * Totals of one day, serialised as {@code {"day":"2015-05-17","visitors":N,"hits":N,"bytes":N}}.
 *
 * @param day      the calendar day, as counter-service assigned it to the requests
 * @param visitors distinct visitors on that day
 * @param hits     requests on that day
 * @param bytes    response body bytes sent on that day
 */
@RegisterForReflection
public record DailyTotal(LocalDate day, long visitors, long hits, long bytes) {
}
