package org.logtally.ingest.parse;

/**
 * The fields of one access log line. Null means a field written as {@code -}, and
 * method, path and protocol are null when the request field is not a parsable HTTP request.
 *
 * @param time ISO-8601 time with the line's own UTC offset, for example {@code 2015-05-17T08:05:32+00:00}
 * @param bytes response body size in bytes, 0 when written as {@code -}
 */
public record ParsedLine(
        String time,
        String client,
        String user,
        String method,
        String path,
        String protocol,
        int status,
        long bytes,
        String referer,
        String userAgent) {
}
