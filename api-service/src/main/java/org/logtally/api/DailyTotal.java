package org.logtally.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.LocalDate;

/**
 * Totals of one day, serialised as
 * {@code {"day":"2015-05-17","visitors":N,"hits":N,"bytes":N,"botHits":N,"botVisitors":N}}.
 *
 * @param day         the calendar day, as counter-service assigned it to the requests
 * @param visitors    distinct visitors on that day. Bots are left out unless counter-service counts them
 *                    ({@code logtally.counter.visitors.include-bots}).
 * @param hits        requests on that day, bots included
 * @param bytes       response body bytes sent on that day
 * @param botHits     requests from bots on that day, a part of {@code hits}
 * @param botVisitors distinct bot visitors on that day
 */
@RegisterForReflection
public record DailyTotal(LocalDate day, long visitors, long hits, long bytes, long botHits, long botVisitors) {
}
