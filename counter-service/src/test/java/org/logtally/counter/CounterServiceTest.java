package org.logtally.counter;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.logtally.embedded.ArtemisTestResource;
import org.logtally.embedded.PostgresTestResource;
import org.logtally.event.Addresses;
import org.logtally.event.EventBatch;
import org.logtally.event.EventCodec;
import org.logtally.event.EventIds;
import org.logtally.event.LogEvent;
import org.logtally.event.RawLine;
import org.logtally.event.RejectedBatch;
import org.logtally.event.RejectedLine;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sends batches through a real Artemis broker and reads the counts from a real PostgreSQL server.
 * Each test uses its own site, so the tests do not see each other's rows.
 */
@QuarkusTest
@QuarkusTestResource(ArtemisTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(GeoipTestResource.class)
class CounterServiceTest {

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

    @Test
    void smallBatchCountsHitsVisitorsAndBytes() throws SQLException {
        String site = "small";
        String line = "192.0.2.1 - - [17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\" 200 100 \"-\" \"A\"";
        List<LogEvent> events = List.of(
                event(site, 0, "2015-05-17T08:05:32+00:00", "192.0.2.1", 200, 100, "A", line),
                // Byte-identical to the line at offset 0: a second hit by the same visitor.
                event(site, line.length() + 1, "2015-05-17T08:05:32+00:00", "192.0.2.1", 200, 100, "A", line),
                // A 4xx request is a hit and adds bytes, but its client is no visitor.
                event(site, 200, "2015-05-17T09:00:00+00:00", "192.0.2.2", 404, 50, "B", "404 line"),
                // 23:30 at -02:00 is 18 May in UTC, but the line is dated 17 May. A request without a user agent
                // counts as a bot, so it is a hit but no visitor.
                event(site, 300, "2015-05-17T23:30:00-02:00", "192.0.2.3", 200, 0, null, "late line"));

        send(Addresses.EVENTS, EventCodec.encode(EventBatch.of(events)));

        await().atMost(TIMEOUT).untilAsserted(() -> assertNotNull(totals(site, MAY_17)));
        assertEquals(new Totals(4, 1, 250), totals(site, MAY_17));
        assertEquals(4, count("SELECT count(*) FROM raw_event WHERE site = ?", site));
        assertEquals(1, count("SELECT count(*) FROM daily_visitor WHERE site = ?", site));
        assertEquals(1, count("SELECT count(*) FROM daily_bot_visitor WHERE site = ?", site));
        assertEquals(1, count("SELECT bot_hits FROM daily_total WHERE site = ?", site));
        assertNull(totals(site, MAY_17.plusDays(1)));
        assertArrayEquals(line.getBytes(StandardCharsets.UTF_8), rawBytes(events.get(1)));
    }

    @Test
    void redeliveredBatchChangesNothing() throws SQLException {
        String site = "redelivery";
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(event(site, i * 100L, "2015-05-17T10:00:0" + i + "+00:00", "192.0.2." + i, 200, 10, "A",
                    "line " + i));
        }
        String body = EventCodec.encode(EventBatch.of(events));
        send(Addresses.EVENTS, body);
        await().atMost(TIMEOUT).untilAsserted(() -> assertNotNull(totals(site, MAY_17)));
        Totals first = totals(site, MAY_17);
        double duplicatesBefore = metric("logtally_counter_events_duplicates_total");

        send(Addresses.EVENTS, body);
        // One consumer takes the queue in order, so once the marker is counted the second copy was processed.
        String marker = "redelivery-marker";
        send(Addresses.EVENTS, EventCodec.encode(EventBatch.of(List.of(
                event(marker, 0, "2015-05-17T10:00:00+00:00", "192.0.2.9", 200, 1, "A", "marker")))));
        await().atMost(TIMEOUT).untilAsserted(() -> assertNotNull(totals(marker, MAY_17)));

        assertEquals(new Totals(5, 5, 50), first);
        assertEquals(first, totals(site, MAY_17));
        assertEquals(5, count("SELECT count(*) FROM raw_event WHERE site = ?", site));
        assertEquals(5, count("SELECT count(*) FROM daily_visitor WHERE site = ?", site));
        assertEquals(duplicatesBefore + 5, metric("logtally_counter_events_duplicates_total"));
    }

    @Test
    void splitShuffledBatchesCountVisitorsOnce() throws SQLException {
        String site = "split";
        List<LogEvent> events = new ArrayList<>();
        // Visitors 1 to 3 make three requests each. Each of them counts once for the day.
        for (int visitor = 1; visitor <= 3; visitor++) {
            for (int request = 0; request < 3; request++) {
                int hour = 23 - request * 7;
                events.add(event(site, visitor * 1000L + request, String.format("2015-05-17T%02d:00:00+00:00", hour),
                        "192.0.2." + visitor, 200, 1, "UA " + visitor, "line"));
            }
        }
        // Visitor 4 has only a 404, so it does not count.
        events.add(event(site, 4000, "2015-05-17T12:00:00+00:00", "192.0.2.4", 404, 1, "UA 4", "line"));
        // Visitor 5 has a 404 and a 200, so it counts once.
        events.add(event(site, 5000, "2015-05-17T01:00:00+00:00", "192.0.2.5", 404, 1, "UA 5", "line"));
        events.add(event(site, 5001, "2015-05-17T02:00:00+00:00", "192.0.2.5", 200, 1, "UA 5", "line"));
        Collections.shuffle(events, new Random(17));

        // The first part is committed before the others are sent, so it is a separate transaction.
        send(Addresses.EVENTS, EventCodec.encode(EventBatch.of(events.subList(0, 4))));
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(4, hits(site)));
        send(Addresses.EVENTS, EventCodec.encode(EventBatch.of(events.subList(4, 8))));
        send(Addresses.EVENTS, EventCodec.encode(EventBatch.of(events.subList(8, events.size()))));

        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(events.size(), hits(site)));
        assertEquals(new Totals(12, 4, 12), totals(site, MAY_17));
        assertEquals(4, count("SELECT count(*) FROM daily_visitor WHERE site = ?", site));
    }

    @Test
    void rejectedLineLandsInRejectedLine() throws SQLException {
        byte[] raw = {'b', 'a', 'd', ' ', (byte) 0xff, ' ', 'l', 'i', 'n', 'e'};
        RejectedLine line = new RejectedLine(EventIds.of("rejected", "file-1", 42), "rejected", FILE, 42,
                "invalid status: \"abc\"", RawLine.of(raw));

        // The same line twice in one message is stored once.
        send(Addresses.REJECTED, EventCodec.encode(RejectedBatch.of(List.of(line, line))));

        await().atMost(TIMEOUT).untilAsserted(() ->
                assertEquals(1, count("SELECT count(*) FROM rejected_line WHERE site = ?", "rejected")));
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement(
                     "SELECT file, file_offset, reason, raw FROM rejected_line WHERE line_id = ?")) {
            query.setObject(1, line.id());
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                assertEquals(FILE, row.getString(1));
                assertEquals(42, row.getLong(2));
                assertEquals("invalid status: \"abc\"", row.getString(3));
                assertArrayEquals(raw, row.getBytes(4));
            }
        }
    }

    @Test
    void invalidBodyIsKeptAndDoesNotBlock() throws SQLException {
        String notJson = "this is not JSON";
        String futureVersion = "{\"schemaVersion\":99,\"events\":[]}";
        String nulInUserAgent = EventCodec.encode(EventBatch.of(List.of(
                event("invalid", 0, "2015-05-17T10:00:00+00:00", "192.0.2.1", 200, 1, "A\u0000B", "line"))));
        send(Addresses.EVENTS, notJson);
        send(Addresses.EVENTS, futureVersion);
        send(Addresses.EVENTS, nulInUserAgent);
        String site = "after-invalid";
        send(Addresses.EVENTS, EventCodec.encode(EventBatch.of(List.of(
                event(site, 0, "2015-05-17T10:00:00+00:00", "192.0.2.1", 200, 7, "A", "line")))));

        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(new Totals(1, 1, 7), totals(site, MAY_17)));
        assertInvalidMessageKept(notJson, "invalid EventBatch JSON");
        assertInvalidMessageKept(futureVersion, "unsupported schemaVersion 99");
        assertInvalidMessageKept(nulInUserAgent, "userAgent contains a NUL character");
        assertEquals(0, count("SELECT count(*) FROM raw_event WHERE site = ?", "invalid"));
    }

    @Test
    void readinessUpWithBrokerAndDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Reactive PostgreSQL connections health check"))
                .body(containsString("SmallRye Reactive Messaging - readiness check"));
    }

    @Test
    void metricsListCounterNames() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("logtally_counter_events_inserted_total"))
                .body(containsString("logtally_counter_events_duplicates_total"))
                .body(containsString("logtally_counter_batches_failed_total"))
                .body(containsString("logtally_counter_messages_invalid_total"))
                .body(containsString("logtally_counter_rejected_inserted_total"));
    }

    private void assertInvalidMessageKept(String body, String reasonPart) throws SQLException {
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement(
                     "SELECT reason, message_id FROM invalid_message WHERE address = ? AND body_text = ?")) {
            query.setString(1, Addresses.EVENTS);
            query.setString(2, body);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "invalid_message has no row for body " + body);
                assertTrue(row.getString(1).contains(reasonPart), row.getString(1));
                assertNotNull(row.getString(2));
            }
        }
    }

    /**
     * Returns an event whose user agent is a desktop Firefox with {@code label} in its platform part, so that
     * different labels are different visitors and none is a bot. A null label is a request without a user agent.
     */
    private static LogEvent event(String site, long offset, String time, String client, int status, long bytes,
            String label, String line) {
        String userAgent = label == null
                ? null
                : "Mozilla/5.0 (X11; Linux x86_64; " + label + ") Gecko/20100101 Firefox/128.0";
        return new LogEvent(EventIds.of(site, "file-1", offset), site, FILE, offset, time, client, null, "GET", "/",
                "HTTP/1.1", status, bytes, null, userAgent, new RawLine(line, null));
    }

    private void send(String address, String body) {
        queue.send(address, body);
    }

    private double metric(String name) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return body.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private record Totals(long hits, long visitors, long bytes) {
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    }

    private Totals totals(String site, LocalDate day) throws SQLException {
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement(
                     "SELECT hits, visitors, bytes FROM daily_total WHERE site = ? AND day = ?")) {
            query.setString(1, site);
            query.setObject(2, day);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? new Totals(row.getLong(1), row.getLong(2), row.getLong(3)) : null;
            }
        }
    }

    private long hits(String site) throws SQLException {
        return count("SELECT coalesce(sum(hits), 0) FROM daily_total WHERE site = ?", site);
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

    private byte[] rawBytes(LogEvent event) throws SQLException {
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement("SELECT raw FROM raw_event WHERE event_id = ?")) {
            query.setObject(1, event.id());
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                return row.getBytes(1);
            }
        }
    }
}
