package org.logtally.event;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.UUID;

/**
 * One parsed access log line.
 *
 * @param id        stable id of this line occurrence, see {@link EventIds}
 * @param site      name of the configured source the line was read from
 * @param file      path of the file the line was read from
 * @param offset    byte offset of the first byte of the line in that file
 * @param time      request time as written on the line, ISO-8601 with the line's own offset
 *                  (for example {@code 2015-05-17T08:05:32+00:00})
 * @param client    client address (IPv4 or IPv6) as written on the line
 * @param user      authenticated user, or null when the line has {@code -}
 * @param method    HTTP method, or null when the request field contains no parsable request
 * @param path      request target (path and query), or null as for {@code method}
 * @param protocol  protocol such as {@code HTTP/1.1}, or null
 * @param status    HTTP status code
 * @param bytes     response body size in bytes ({@code $body_bytes_sent}), 0 for {@code -}
 * @param referer   referrer, or null for {@code -}
 * @param userAgent user agent, or null for {@code -}
 * @param raw       the line without its line end, see {@link RawLine}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogEvent(
        UUID id,
        String site,
        String file,
        long offset,
        String time,
        String client,
        String user,
        String method,
        String path,
        String protocol,
        int status,
        long bytes,
        String referer,
        String userAgent,
        RawLine raw) {
}
