package org.logtally.counter;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
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
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sends events of several months through a real Artemis broker and checks the monthly partitions of
 * {@code raw_event} in a real PostgreSQL server. Raw events are kept forever in this configuration, so the
 * retention test calls the job with an explicit cutoff. Each test uses its own site and months.
 */
@QuarkusTest
@QuarkusTestResource(ArtemisTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(GeoipTestResource.class)
class RawEventPartitionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String FILE = "/var/log/nginx/access.log";

    @Inject
    Vertx vertx;

    @Inject
    Pool pool;

    @Inject
    RawEventRetention retention;

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
    void twoMonthsLandInTwoPartitions() throws SQLException {
        String site = "two-months";
        send(EventCodec.encode(EventBatch.of(List.of(
                event(site, 0, "2015-05-31T23:59:59+00:00"),
                event(site, 100, "2015-06-01T00:00:00+00:00"),
                event(site, 200, "2015-06-04T12:00:00+00:00")))));

        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(3, hits(site)));
        assertEquals(List.of("raw_event_2015_05", "raw_event_2015_06"),
                strings("SELECT DISTINCT tableoid::regclass::text FROM raw_event WHERE site = ? ORDER BY 1", site));
        assertEquals(1, count("SELECT count(*) FROM raw_event_2015_05 WHERE site = ?", site));
        assertEquals(2, count("SELECT count(*) FROM raw_event_2015_06 WHERE site = ?", site));
        Set<String> partitions = partitions();
        assertTrue(partitions.contains("raw_event_2015_05"), partitions.toString());
        assertTrue(partitions.contains("raw_event_2015_06"), partitions.toString());
    }

    @Test
    void redeliveryAcrossMonthsChangesNothing() throws SQLException {
        String site = "months-redelivery";
        String body = EventCodec.encode(EventBatch.of(List.of(
                event(site, 0, "2015-07-31T10:00:00+00:00"),
                event(site, 100, "2015-08-01T10:00:00+00:00"))));
        send(body);
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(2, hits(site)));

        send(body);
        // One consumer takes the queue in order, so once the marker is counted the second copy was processed.
        String marker = "months-redelivery-marker";
        send(EventCodec.encode(EventBatch.of(List.of(event(marker, 0, "2015-08-01T10:00:00+00:00")))));
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(1, hits(marker)));

        assertEquals(2, hits(site));
        assertEquals(2, count("SELECT count(*) FROM raw_event WHERE site = ?", site));
        assertEquals(2, count("SELECT count(*) FROM daily_visitor WHERE site = ?", site));
    }

    @Test
    void retentionDropsOldPartitionAndKeepsTotals() throws SQLException {
        String site = "retention-drop";
        send(EventCodec.encode(EventBatch.of(List.of(
                event(site, 0, "2014-01-10T10:00:00+00:00"),
                event(site, 100, "2014-01-31T10:00:00+00:00"),
                event(site, 200, "2014-02-01T10:00:00+00:00")))));
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(3, hits(site)));
        long breakdownRows = count("SELECT count(*) FROM daily_breakdown WHERE site = ?", site);
        assertTrue(breakdownRows > 0);

        // January ends on 1 February, which is the cutoff, so only January is dropped.
        List<RawEventPartitions.DroppedPartition> dropped = retention.dropPartitionsEndingBy(LocalDate.of(2014, 2, 1));

        assertTrue(dropped.contains(new RawEventPartitions.DroppedPartition("raw_event_2014_01",
                LocalDate.of(2014, 1, 1), LocalDate.of(2014, 2, 1))), dropped.toString());
        assertTrue(dropped.stream().noneMatch(partition -> partition.name().equals("raw_event_2014_02")));
        Set<String> partitions = partitions();
        assertFalse(partitions.contains("raw_event_2014_01"), partitions.toString());
        assertTrue(partitions.contains("raw_event_2014_02"), partitions.toString());
        assertEquals(1, count("SELECT count(*) FROM raw_event WHERE site = ?", site));
        assertEquals(3, hits(site));
        assertEquals(2, count("SELECT count(*) FROM daily_total WHERE site = ? AND day < '2014-02-01'", site));
        assertEquals(3, count("SELECT count(*) FROM daily_visitor WHERE site = ?", site));
        assertEquals(breakdownRows, count("SELECT count(*) FROM daily_breakdown WHERE site = ?", site));
        assertTrue(count("SELECT count(*) FROM daily_breakdown_visitor WHERE site = ?", site) > 0);
    }

    @Test
    void partitionDroppedBehindCacheIsRecreated() throws SQLException {
        String site = "recreated";
        send(EventCodec.encode(EventBatch.of(List.of(event(site, 0, "2013-03-10T10:00:00+00:00")))));
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(1, hits(site)));
        try (Connection db = database(); Statement statement = db.createStatement()) {
            statement.execute("DROP TABLE raw_event_2013_03");
        }

        // This instance still believes the partition exists. The first attempt fails, and the retry creates it.
        send(EventCodec.encode(EventBatch.of(List.of(event(site, 100, "2013-03-11T10:00:00+00:00")))));

        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(2, hits(site)));
        assertTrue(partitions().contains("raw_event_2013_03"));
        assertEquals(1, count("SELECT count(*) FROM raw_event_2013_03 WHERE site = ?", site));
    }

    @Test
    void concurrentPartitionCreationSucceeds() throws Exception {
        Set<YearMonth> months = new HashSet<>();
        for (int i = 0; i < 24; i++) {
            months.add(YearMonth.of(2010, 1).plusMonths(i));
        }
        // Two instances with empty caches stand for two counter instances that see the same new months at once.
        List<RawEventPartitions> instances = List.of(new RawEventPartitions(pool), new RawEventPartitions(pool));
        CyclicBarrier start = new CyclicBarrier(instances.size());
        ExecutorService threads = Executors.newFixedThreadPool(instances.size());
        try {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (RawEventPartitions instance : instances) {
                runs.add(CompletableFuture.runAsync(() -> {
                    try {
                        start.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("the other thread did not start", e);
                    }
                    instance.ensure(months).await().atMost(TIMEOUT);
                }, threads));
            }
            for (CompletableFuture<Void> run : runs) {
                run.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        Set<String> partitions = partitions();
        for (YearMonth month : months) {
            assertTrue(partitions.contains(RawEventPartitions.partitionName(month)), month.toString());
        }
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

    private Set<String> partitions() throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection db = database();
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT child.relname FROM pg_inherits JOIN pg_class child ON child.oid = pg_inherits.inhrelid
                     WHERE pg_inherits.inhparent = 'raw_event'::regclass
                     """)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private List<String> strings(String sql, String parameter) throws SQLException {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
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
}
