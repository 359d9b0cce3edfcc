package org.logtally.counter;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
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

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the service with a raw event retention of 12 months, sends events from 2015 and from now through a real
 * Artemis broker, and checks in a real PostgreSQL server that only the recent ones are counted.
 */
@QuarkusTest
@TestProfile(RawEventRetentionTest.TwelveMonths.class)
@QuarkusTestResource(ArtemisTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(GeoipTestResource.class)
class RawEventRetentionTest {

    /** Keeps raw events for 12 months, written as a number of months. */
    public static class TwelveMonths implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("logtally.counter.retention.raw-events", "12");
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
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
    void expiredEventIsRejectedOnce() throws SQLException {
        String site = "expired";
        // A day in 2015 and one hour ago. Only the second lies inside the 12 months.
        String now = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        LogEvent old = event(site, 0, "2015-05-17T10:00:00+00:00");
        LogEvent recent = event(site, 100, now);
        String body = EventCodec.encode(EventBatch.of(List.of(old, recent)));
        send(body);
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(1, hits(site)));

        // The old event again, and a marker: one consumer takes the queue in order.
        send(body);
        String marker = "expired-marker";
        send(EventCodec.encode(EventBatch.of(List.of(event(marker, 0, now)))));
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(1, hits(marker)));

        assertEquals(1, hits(site));
        assertEquals(0, count("SELECT count(*) FROM daily_total WHERE site = ? AND day < '2016-01-01'", site));
        assertEquals(1, count("SELECT count(*) FROM raw_event WHERE site = ?", site));
        assertEquals(1, count("SELECT count(*) FROM rejected_line WHERE site = ?", site));
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement(
                     "SELECT line_id, reason FROM rejected_line WHERE site = ?")) {
            query.setString(1, site);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                assertEquals(old.id(), row.getObject(1, UUID.class));
                assertTrue(row.getString(2).contains("older than the raw event retention P12M"), row.getString(2));
            }
        }
        assertEquals(0, count("SELECT count(*) FROM pg_class WHERE relname = ?", "raw_event_2015_05"));
    }

    private static LogEvent event(String site, long offset, String time) {
        String userAgent = "Mozilla/5.0 (X11; Linux x86_64; " + offset + ") Gecko/20100101 Firefox/128.0";
        return new LogEvent(EventIds.of(site, "file-1", offset), site, FILE, offset, time, "192.0.2.1", null, "GET",
                "/", "HTTP/1.1", 200, 10, null, userAgent, new RawLine("line " + offset, null));
    }

    private void send(String body) {
        queue.send(Addresses.EVENTS, body);
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
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
}
