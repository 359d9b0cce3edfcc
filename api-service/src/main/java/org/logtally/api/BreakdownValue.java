package org.logtally.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One value of a breakdown over a date range, serialised as {@code {"value":"/index.html","hits":N,"visitors":N}}.
 *
 * @param value    the value, such as a path, a referrer host or a country code
 * @param hits     requests with this value in the range, bots included
 * @param visitors distinct visitors with this value over the whole range, counted by the same rule as the daily
 *                 visitors, so bots are left out unless counter-service counts them
 */
@RegisterForReflection
public record BreakdownValue(String value, long hits, long visitors) {
}
