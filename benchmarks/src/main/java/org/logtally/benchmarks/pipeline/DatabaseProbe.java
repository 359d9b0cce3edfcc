package org.logtally.benchmarks.pipeline;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/** Reads the counted hits and the table sizes from the benchmark's database over JDBC. */
final class DatabaseProbe implements AutoCloseable {

    private final Connection connection;

    DatabaseProbe(String jdbcUrl, String user, String password) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** Returns the sum of {@code daily_total.hits}, or 0 while counter-service has not created the table. */
    long hits() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT coalesce(sum(hits), 0) FROM daily_total")) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0;
            }
            throw e;
        }
    }

    /** Returns {@code pg_total_relation_size} (table, indexes and TOAST) of every table in the public schema. */
    Map<String, Long> tableBytes() throws SQLException {
        Map<String, Long> sizes = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c"
                     + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'")) {
            while (result.next()) {
                sizes.put(result.getString(1), result.getLong(2));
            }
        }
        return sizes;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
