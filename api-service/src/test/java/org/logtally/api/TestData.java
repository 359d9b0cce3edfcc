package org.logtally.api;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

/**
 * Creates the schema with counter-service's Flyway migrations and replaces the daily rows with a small
 * fixture, through the JDBC URL that PostgresTestResource sets.
 *
 * <p>Fixture: site blog has 2015-05-17 (2 visitors, 10 hits, 1000 bytes) and 2015-05-19 (1, 5, 500).
 * Site shop has 2015-05-17 (2, 3, 300) and 2015-05-20 (1, 7, 700). On 2015-05-17 visitor "b" was on
 * both sites, so that day has 3 distinct visitors across sites. The latest day with data is 2015-05-20.
 *
 * <p>Bots: on 2015-05-17 blog has 2 bot hits and shop 1, both from bot visitor "x", so that day has 1
 * distinct bot visitor across sites.
 *
 * <p>Paths: blog has "/" on 2015-05-17 (6 hits, visitors a and b) and on 2015-05-19 (5 hits, visitor a),
 * and "/about" on 2015-05-17 (4 hits, visitor a). Shop has "/" on 2015-05-17 (3 hits, visitors b and c).
 * Status: blog has 2xx and 4xx with 5 hits each on 2015-05-17, so they tie.
 */
final class TestData {

    private static final String MIGRATIONS = "filesystem:../counter-service/src/main/resources/db/migration";

    private TestData() {
    }

    /** Migrates the schema, idempotently, and replaces the daily rows with the fixture. */
    static void reset() {
        Config config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.username", String.class);
        String password = config.getValue("quarkus.datasource.password", String.class);

        Flyway.configure().dataSource(url, user, password).locations(MIGRATIONS).load().migrate();

        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("TRUNCATE daily_total, daily_visitor, daily_bot_visitor, daily_breakdown, "
                        + "daily_breakdown_visitor");
            }
            insertTotal(connection, "blog", "2015-05-17", 10, 2, 1000, 2, 1);
            insertTotal(connection, "blog", "2015-05-19", 5, 1, 500, 0, 0);
            insertTotal(connection, "shop", "2015-05-17", 3, 2, 300, 1, 1);
            insertTotal(connection, "shop", "2015-05-20", 7, 1, 700, 0, 0);
            insertVisitor(connection, "daily_bot_visitor", "blog", "2015-05-17", "x");
            insertVisitor(connection, "daily_bot_visitor", "shop", "2015-05-17", "x");

            insertBreakdown(connection, "blog", "2015-05-17", "paths", "/", 6, "a", "b");
            insertBreakdown(connection, "blog", "2015-05-19", "paths", "/", 5, "a");
            insertBreakdown(connection, "blog", "2015-05-17", "paths", "/about", 4, "a");
            insertBreakdown(connection, "shop", "2015-05-17", "paths", "/", 3, "b", "c");
            insertBreakdown(connection, "blog", "2015-05-17", "status", "4xx", 5, "a");
            insertBreakdown(connection, "blog", "2015-05-17", "status", "2xx", 5, "a", "b");

            insertVisitor(connection, "daily_visitor", "blog", "2015-05-17", "a");
            insertVisitor(connection, "daily_visitor", "blog", "2015-05-17", "b");
            insertVisitor(connection, "daily_visitor", "blog", "2015-05-19", "a");
            insertVisitor(connection, "daily_visitor", "shop", "2015-05-17", "b");
            insertVisitor(connection, "daily_visitor", "shop", "2015-05-17", "c");
            insertVisitor(connection, "daily_visitor", "shop", "2015-05-20", "d");
        } catch (SQLException e) {
            throw new IllegalStateException("inserting the test data failed", e);
        }
    }

    private static void insertTotal(Connection connection, String site, String day, long hits, long visitors,
                                    long bytes, long botHits, long botVisitors) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO daily_total "
                + "(site, day, hits, visitors, bytes, bot_hits, bot_visitors) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, site);
            insert.setObject(2, LocalDate.parse(day));
            insert.setLong(3, hits);
            insert.setLong(4, visitors);
            insert.setLong(5, bytes);
            insert.setLong(6, botHits);
            insert.setLong(7, botVisitors);
            insert.executeUpdate();
        }
    }

    /** Inserts one daily_breakdown row and one daily_breakdown_visitor row per visitor. */
    private static void insertBreakdown(Connection connection, String site, String day, String dimension,
                                        String value, long hits, String... visitors) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO daily_breakdown "
                + "(site, day, dimension, value, hits, visitors) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, site);
            insert.setObject(2, LocalDate.parse(day));
            insert.setString(3, dimension);
            insert.setString(4, value);
            insert.setLong(5, hits);
            insert.setLong(6, visitors.length);
            insert.executeUpdate();
        }
        for (String visitor : visitors) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO daily_breakdown_visitor "
                    + "(dimension, value, site, day, visitor) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, dimension);
                insert.setString(2, value);
                insert.setString(3, site);
                insert.setObject(4, LocalDate.parse(day));
                insert.setBytes(5, visitor.getBytes(StandardCharsets.UTF_8));
                insert.executeUpdate();
            }
        }
    }

    private static void insertVisitor(Connection connection, String table, String site, String day, String visitor)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (site, day, visitor) VALUES (?, ?, ?)")) {
            insert.setString(1, site);
            insert.setObject(2, LocalDate.parse(day));
            insert.setBytes(3, visitor.getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }
}
