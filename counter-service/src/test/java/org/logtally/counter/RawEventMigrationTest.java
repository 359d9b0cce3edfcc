package org.logtally.counter;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.logtally.embedded.Database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Applies the migrations to a real PostgreSQL server: up to V2 first with rows in it, then the partitioning of
 * {@code raw_event}. Each test uses its own schema.
 */
class RawEventMigrationTest {

    private static Database database;

    @BeforeAll
    static void startDatabase() {
        database = Database.start(null, 0);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void migrationMovesExistingRowsIntoPartitions() throws SQLException {
        String schema = "with_rows";
        flyway(schema, "2").migrate();
        execute(schema, """
                INSERT INTO raw_event (event_id, site, file, file_offset, request_time, time_text, day, client,
                        status, bytes, raw, browser)
                VALUES ('00000000-0000-0000-0000-000000000001', 'old', 'f', 0, '2015-05-17T08:05:32Z',
                        '2015-05-17T08:05:32+00:00', '2015-05-17', '192.0.2.1', 200, 10, 'line 1', 'Firefox'),
                       ('00000000-0000-0000-0000-000000000002', 'old', 'f', 100, '2015-06-01T00:00:00Z',
                        '2015-06-01T00:00:00+00:00', '2015-06-01', '192.0.2.1', 200, 20, 'line 2', null)
                """);
        execute(schema, "INSERT INTO daily_total (site, day, hits, visitors, bytes) "
                + "VALUES ('old', '2015-05-17', 1, 1, 10)");

        flyway(schema, "latest").migrate();

        assertEquals(List.of("raw_event_2015_05", "raw_event_2015_06"), partitions(schema));
        assertEquals(List.of("00000000-0000-0000-0000-000000000001 raw_event_2015_05 Firefox 10",
                        "00000000-0000-0000-0000-000000000002 raw_event_2015_06 null 20"),
                strings(schema, """
                        SELECT event_id || ' ' || tableoid::regclass || ' ' || coalesce(browser, 'null') || ' ' || bytes
                        FROM raw_event ORDER BY event_id
                        """));
        assertEquals(List.of("1"), strings(schema, "SELECT hits FROM daily_total WHERE site = 'old'"));
        assertEquals(List.of("0"), strings(schema, "SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema
                + "' AND tablename = 'raw_event_unpartitioned'"));
        // The same event on the same day is a duplicate under the new key.
        execute(schema, """
                INSERT INTO raw_event (event_id, site, file, file_offset, request_time, time_text, day, client,
                        status, bytes, raw)
                VALUES ('00000000-0000-0000-0000-000000000001', 'old', 'f', 0, '2015-05-17T08:05:32Z',
                        '2015-05-17T08:05:32+00:00', '2015-05-17', '192.0.2.1', 200, 10, 'line 1')
                ON CONFLICT (event_id, day) DO NOTHING
                """);
        assertEquals(List.of("2"), strings(schema, "SELECT count(*) FROM raw_event"));
    }

    @Test
    void migrationOfEmptyTableCreatesNoPartition() throws SQLException {
        String schema = "empty";
        flyway(schema, "latest").migrate();

        assertEquals(List.of(), partitions(schema));
        assertEquals(List.of("p"), strings(schema,
                "SELECT relkind FROM pg_class WHERE oid = to_regclass('" + schema + ".raw_event')"));
        assertEquals(List.of("event_id, day"), strings(schema, """
                SELECT string_agg(attribute.attname, ', ' ORDER BY key.ordinality)
                FROM pg_constraint constraint_row
                CROSS JOIN LATERAL unnest(constraint_row.conkey) WITH ORDINALITY AS key(attnum, ordinality)
                JOIN pg_attribute attribute
                    ON attribute.attrelid = constraint_row.conrelid AND attribute.attnum = key.attnum
                WHERE constraint_row.conrelid = to_regclass('%s.raw_event') AND constraint_row.contype = 'p'
                """.formatted(schema)));
        // Without a partition for its month, a row cannot be inserted, which is why the service creates it first.
        execute(schema, RawEventPartitions.createStatement(YearMonth.of(2015, 5)));
        assertEquals(List.of("raw_event_2015_05"), partitions(schema));
        assertTrue(strings(schema, "SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = "
                + "'raw_event_2015_05' AND relnamespace = '" + schema + "'::regnamespace").get(0)
                .contains("FROM ('2015-05-01') TO ('2015-06-01')"));
    }

    private static Flyway flyway(String schema, String target) {
        return Flyway.configure()
                .dataSource(database.jdbcUrl(), Database.USER, Database.PASSWORD)
                .schemas(schema)
                .defaultSchema(schema)
                .locations("classpath:db/migration")
                .target(target)
                .load();
    }

    private static Connection connect(String schema) throws SQLException {
        Connection connection = DriverManager.getConnection(database.jdbcUrl(), Database.USER, Database.PASSWORD);
        connection.setSchema(schema);
        return connection;
    }

    private static void execute(String schema, String sql) throws SQLException {
        try (Connection connection = connect(schema); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> partitions(String schema) throws SQLException {
        return strings(schema, """
                SELECT child.relname FROM pg_inherits JOIN pg_class child ON child.oid = pg_inherits.inhrelid
                WHERE pg_inherits.inhparent = to_regclass('%s.raw_event') ORDER BY child.relname
                """.formatted(schema));
    }

    private static List<String> strings(String schema, String sql) throws SQLException {
        try (Connection connection = connect(schema);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
