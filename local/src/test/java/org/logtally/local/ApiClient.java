package org.logtally.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/** Reads daily totals from a running api-service. */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;

    ApiClient(URI base) {
        this.base = base;
    }

    /**
     * Returns day to {hits, visitors, bytes} for the days of {@code site} that have hits. The
     * visitors are the API's visitors plus its bot visitors: together they are every distinct
     * (address, user agent) pair of the day, which an independent count can check, while the
     * split between them depends on the user-agent library.
     */
    Map<LocalDate, long[]> daily(String site, LocalDate from, LocalDate to) {
        URI uri = base.resolve("api/v1/visitors/daily?site=" + site + "&from=" + from + "&to=" + to);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " returned " + response.statusCode() + ": " + response.body());
            }
            Map<LocalDate, long[]> daily = new TreeMap<>();
            for (JsonNode day : JSON.readTree(response.body())) {
                long hits = day.get("hits").asLong();
                if (hits > 0) {
                    daily.put(LocalDate.parse(day.get("day").asText()),
                            new long[] {hits, day.get("visitors").asLong() + day.get("botVisitors").asLong(),
                                day.get("bytes").asLong()});
                }
            }
            return daily;
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Returns the sum of hits of {@code site} over the range. */
    long totalHits(String site, LocalDate from, LocalDate to) {
        return daily(site, from, to).values().stream().mapToLong(totals -> totals[0]).sum();
    }
}
