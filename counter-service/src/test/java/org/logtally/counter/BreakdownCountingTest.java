package org.logtally.counter;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.logtally.embedded.ArtemisTestResource;
import org.logtally.embedded.PostgresTestResource;
import org.logtally.event.Addresses;
import org.logtally.event.EventBatch;
import org.logtally.event.EventCodec;
import org.logtally.event.EventIds;
import org.logtally.event.LogEvent;
import org.logtally.event.RawLine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Sends a small batch through a real Artemis broker with the GeoIP test database configured, and reads the
 * breakdowns and bot counts from a real PostgreSQL server. Skipped when the database has not been fetched.
 */
@QuarkusTest
@QuarkusTestResource(ArtemisTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(GeoipTestResource.class)
@EnabledIf("org.logtally.counter.GeoipTestDatabase#present")
class BreakdownCountingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final LocalDate MAY_17 = LocalDate.of(2015, 5, 17);
    private static final String FILE = "/var/log/nginx/access.log";

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "amqp-host")
    String amqpHost;

    @ConfigProperty(name = "amqp-port")
    int amqpPort;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private QueueSender queue;

    @BeforeEach
    void connect() {
        queue = new QueueSender(vertx, amqpHost, amqpPort);
    }

    @AfterEach
    void disconnect() {
        queue.close();
    }

    /**
     * Returns five requests. Googlebot comes from a Google address (US). A Firefox visitor comes twice from a
     * German IPv4 address, with query strings and once with a referrer. The same browser comes from a US IPv6
     * address and gets a 404. Chrome on Android comes from a documentation address, which is in no country.
     */
    private static List<LogEvent> smallBatch(String site) {
        return List.of(
                event(site, 0, "66.249.66.1", "/robots.txt", 200, null, UserAgentClassifierTest.GOOGLEBOT),
                event(site, 100, "81.169.145.105", "/index.html?utm_source=feed", 200,
                        "https://WWW.Example.com:443/some/page?q=1", UserAgentClassifierTest.FIREFOX_WINDOWS),
                event(site, 200, "81.169.145.105", "/index.html?utm_source=mail", 200, null,
                        UserAgentClassifierTest.FIREFOX_WINDOWS),
                event(site, 300, "2001:4860:4860::8888", "/missing", 404, "https://www.example.com/other",
                        UserAgentClassifierTest.FIREFOX_WINDOWS),
                event(site, 400, "192.0.2.1", "/old", 301, null, UserAgentClassifierTest.CHROME_ANDROID));
    }

    @Test
    void smallBatchFillsBreakdowns() throws SQLException {
        String site = "breakdowns";
        send(EventCodec.encode(EventBatch.of(smallBatch(site))));

        await().atMost(TIMEOUT).untilAsserted(() -> assertNotNull(totals(site)));
        // The Firefox visitor and the Chrome visitor count. Googlebot is a bot, and the 404 does not count.
        assertEquals(new Totals(5, 2, 1, 1), totals(site));
        assertBreakdowns(site);
    }

    @Test
    void redeliveryChangesNoBreakdown() throws SQLException {
        String site = "breakdowns-redelivery";
        String body = EventCodec.encode(EventBatch.of(smallBatch(site)));
        send(body);
        await().atMost(TIMEOUT).untilAsserted(() -> assertNotNull(totals(site)));

        send(body);
        // One consumer takes the queue in order, so once the marker is counted the second copy was processed.
        String marker = "breakdowns-marker";
        send(EventCodec.encode(EventBatch.of(List.of(
                event(marker, 0, "192.0.2.9", "/", 200, null, UserAgentClassifierTest.FIREFOX_WINDOWS)))));
        await().atMost(TIMEOUT).untilAsserted(() -> assertNotNull(totals(marker)));

        assertEquals(new Totals(5, 2, 1, 1), totals(site));
        assertBreakdowns(site);
    }

    @Test
    void visitorsOfLaterTransactionsCountOnce() throws SQLException {
        String site = "breakdowns-one-by-one";
        List<LogEvent> events = smallBatch(site);
        // One message per event, each counted before the next is sent, so that each event has its own transaction
        // and the later events of the Firefox visitor find their rows written already.
        for (int i = 0; i < events.size(); i++) {
            send(EventCodec.encode(EventBatch.of(List.of(events.get(i)))));
            long hits = i + 1;
            await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(hits, hits(site)));
        }

        assertEquals(new Totals(5, 2, 1, 1), totals(site));
        assertBreakdowns(site);
    }

    private void assertBreakdowns(String site) throws SQLException {
        assertEquals(Map.of("2xx", hv(3, 1), "3xx", hv(1, 1), "4xx", hv(1, 0)), breakdown(site, "status"));
        assertEquals(Map.of("/index.html", hv(2, 1), "/robots.txt", hv(1, 0), "/missing", hv(1, 0),
                "/old", hv(1, 1)), breakdown(site, "paths"));
        assertEquals(Map.of("(direct)", hv(3, 2), "www.example.com", hv(2, 1)), breakdown(site, "referrers"));
        assertEquals(Map.of("US", hv(2, 0), "DE", hv(2, 1), "ZZ", hv(1, 1)), breakdown(site, "countries"));
        assertEquals(Map.of("Firefox", hv(3, 1), "Googlebot", hv(1, 0), "Chrome", hv(1, 1)),
                breakdown(site, "browsers"));
        assertEquals(Map.of("Windows NT", hv(3, 1), "Google Cloud", hv(1, 0), "Android", hv(1, 1)),
                breakdown(site, "os"));
        assertEquals(Map.of("Desktop", hv(3, 1), "Robot", hv(1, 0), "Phone", hv(1, 1)),
                breakdown(site, "devices"));
        // Each counted visitor has one row per dimension and value: 2 visitors in 7 dimensions, and the Firefox
        // visitor has a second referrer value.
        assertEquals(15, count("SELECT count(*) FROM daily_breakdown_visitor WHERE site = ?", site));
        assertEquals(1, count("SELECT count(*) FROM daily_bot_visitor WHERE site = ?", site));
        assertEquals(5, count("SELECT count(*) FROM raw_event WHERE site = ? AND country IS NOT NULL", site));
    }

    private record Totals(long hits, long visitors, long botHits, long botVisitors) {
    }

    private record HitsAndVisitors(long hits, long visitors) {
    }

    private static HitsAndVisitors hv(long hits, long visitors) {
        return new HitsAndVisitors(hits, visitors);
    }

    private static LogEvent event(String site, long offset, String client, String path, int status, String referer,
            String userAgent) {
        return new LogEvent(EventIds.of(site, "file-1", offset), site, FILE, offset, "2015-05-17T10:00:00+00:00",
                client, null, "GET", path, "HTTP/1.1", status, 100, referer, userAgent,
                new RawLine("line " + offset, null));
    }

    private void send(String body) {
        queue.send(Addresses.EVENTS, body);
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    }

    private Totals totals(String site) throws SQLException {
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement("SELECT hits, visitors, bot_hits, bot_visitors "
                     + "FROM daily_total WHERE site = ? AND day = ?")) {
            query.setString(1, site);
            query.setObject(2, MAY_17);
            try (ResultSet row = query.executeQuery()) {
                return row.next()
                        ? new Totals(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4))
                        : null;
            }
        }
    }

    private long hits(String site) throws SQLException {
        Totals totals = totals(site);
        return totals == null ? 0 : totals.hits();
    }

    private Map<String, HitsAndVisitors> breakdown(String site, String dimension) throws SQLException {
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement("SELECT value, hits, visitors FROM daily_breakdown "
                     + "WHERE site = ? AND day = ? AND dimension = ?")) {
            query.setString(1, site);
            query.setObject(2, MAY_17);
            query.setString(3, dimension);
            Map<String, HitsAndVisitors> values = new TreeMap<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    values.put(row.getString(1), hv(row.getLong(2), row.getLong(3)));
                }
            }
            return values;
        }
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
