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
 * Creates the schema with counter-service's Flyway migrations and replaces the rows of daily_total and
 * daily_visitor with a small fixture, through the JDBC URL that PostgresTestResource sets.
 *
 * <p>Fixture: site blog has 2015-05-17 (2 visitors, 10 hits, 1000 bytes) and 2015-05-19 (1, 5, 500).
 * Site shop has 2015-05-17 (2, 3, 300) and 2015-05-20 (1, 7, 700). On 2015-05-17 visitor "b" was on
 * both sites, so that day has 3 distinct visitors across sites. The latest day with data is 2015-05-20.
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
                statement.execute("TRUNCATE daily_total, daily_visitor");
            }
            insertTotal(connection, "blog", "2015-05-17", 10, 2, 1000);
            insertTotal(connection, "blog", "2015-05-19", 5, 1, 500);
            insertTotal(connection, "shop", "2015-05-17", 3, 2, 300);
            insertTotal(connection, "shop", "2015-05-20", 7, 1, 700);

            insertVisitor(connection, "blog", "2015-05-17", "a");
            insertVisitor(connection, "blog", "2015-05-17", "b");
            insertVisitor(connection, "blog", "2015-05-19", "a");
            insertVisitor(connection, "shop", "2015-05-17", "b");
            insertVisitor(connection, "shop", "2015-05-17", "c");
            insertVisitor(connection, "shop", "2015-05-20", "d");
        } catch (SQLException e) {
            throw new IllegalStateException("inserting the test data failed", e);
        }
    }

    private static void insertTotal(Connection connection, String site, String day, long hits, long visitors,
                                    long bytes) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO daily_total (site, day, hits, visitors, bytes) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, site);
            insert.setObject(2, LocalDate.parse(day));
            insert.setLong(3, hits);
            insert.setLong(4, visitors);
            insert.setLong(5, bytes);
            insert.executeUpdate();
        }
    }

    private static void insertVisitor(Connection connection, String site, String day, String visitor)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO daily_visitor (site, day, visitor) VALUES (?, ?, ?)")) {
            insert.setString(1, site);
            insert.setObject(2, LocalDate.parse(day));
            insert.setBytes(3, visitor.getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }
}
