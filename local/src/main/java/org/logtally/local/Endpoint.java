package org.logtally.local;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A server given on the command line as a URL such as {@code amqp://user:secret@host:5672}
 * or {@code postgresql://user:secret@host:5432/logtally}.
 */
public record Endpoint(String host, int port, String user, String password, String database) {

    /**
     * Parses {@code url}, whose scheme must be {@code expectedScheme}; a missing port
     * becomes {@code defaultPort}.
     *
     * @throws IllegalArgumentException with a message naming {@code option} and the expected form
     */
    static Endpoint parse(String option, String url, String expectedScheme, int defaultPort) {
        String form = expectedScheme + "://USER:PASSWORD@HOST:PORT" + ("postgresql".equals(expectedScheme) ? "/DATABASE" : "");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " must be a URL of the form " + form + ", got \"" + url + "\"");
        }
        if (!expectedScheme.equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(option + " must be a URL of the form " + form + ", got \"" + url + "\"");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String path = uri.getPath();
        String database = path == null || path.length() <= 1 ? null : path.substring(1);
        return new Endpoint(uri.getHost(), uri.getPort() == -1 ? defaultPort : uri.getPort(), user, password, database);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
