package org.logtally.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the readiness and the Prometheus metrics of a running service. */
final class ServiceProbe {

    /** Status returned by {@link #readinessStatus} when the service does not accept connections. */
    static final int UNREACHABLE = -1;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceProbe() {
    }

    /** Returns the HTTP status of {@code GET /q/health/ready}, or {@link #UNREACHABLE}. */
    static int readinessStatus(URI base) {
        try {
            return get(base.resolve("q/health/ready")).statusCode();
        } catch (IOException e) {
            return UNREACHABLE;
        }
    }

    /**
     * Returns the sum of all samples of the Prometheus metric {@code name} in
     * {@code GET /q/metrics}, over all label sets, or 0 when the service does not list it.
     */
    static double metric(URI base, String name) {
        URI uri = base.resolve("q/metrics");
        HttpResponse<String> response;
        try {
            response = get(uri);
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed: " + e.getMessage(), e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " returned " + response.statusCode());
        }
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(?:\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = sample.matcher(response.body());
        double sum = 0;
        while (matcher.find()) {
            sum += Double.parseDouble(matcher.group(1));
        }
        return sum;
    }

    private static HttpResponse<String> get(URI uri) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + uri, e);
        }
    }
}
