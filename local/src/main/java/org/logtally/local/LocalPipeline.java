package org.logtally.local;

import org.logtally.embedded.Broker;
import org.logtally.embedded.Database;
import org.logtally.event.Addresses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole pipeline on one machine: a broker and a database (embedded unless external
 * ones are given), then counter-service, api-service and ingest-service as child processes.
 * {@link #close()} stops everything in the reverse order.
 */
public final class LocalPipeline implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    /** JVM options of api-service: a small heap and the serial collector, which needs the least memory. */
    private static final List<String> API_JVM = List.of("-Xmx192m", "-XX:+UseSerialGC");
    private static final List<String> INGEST_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC");
    /**
     * JVM options of each counter-service instance. Its live heap contains about 100 MB of user-agent rules, the
     * remembered visitor rows and the batches in flight. With 384 MB the serial collector ran full collections
     * every few seconds, so the counter gets more room and the parallel collector, the JVM's throughput collector.
     */
    private static final List<String> COUNTER_JVM = List.of("-Xmx1g", "-XX:+UseParallelGC");

    private final LocalOptions options;
    private final List<AutoCloseable> started = new ArrayList<>();
    private DataDirectoryGuard guard;
    private final List<ServiceProcess> counters = new ArrayList<>();
    private ServiceProcess api;
    private ServiceProcess ingest;
    /** The embedded database, or null when an external one is used. */
    private Database embeddedDatabase;
    private Map<String, String> brokerProperties;
    private Map<String, String> databaseProperties;
    private Map<String, String> ingestProperties;

    private LocalPipeline(LocalOptions options) {
        this.options = options;
    }

    /** Starts every part and waits until each service is ready. */
    public static LocalPipeline start(LocalOptions options) {
        LocalPipeline pipeline = new LocalPipeline(options);
        try {
            pipeline.startServers();
            pipeline.startServices();
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private void startServers() {
        Path dataDir = options.dataDir();
        createDirectories(dataDir);
        guard = DataDirectoryGuard.acquire(dataDir);
        Endpoint broker = options.broker();
        if (broker == null) {
            Broker embedded = Broker.start(dataDir.resolve("broker"), 0, Addresses.EVENTS, Addresses.REJECTED);
            started.add(embedded);
            broker = new Endpoint(embedded.host(), embedded.port(), "guest", "guest", null);
            log("AMQP broker (embedded Artemis) on " + broker.host() + ":" + broker.port());
        }
        brokerProperties = Map.of(
                "amqp-host", broker.host(),
                "amqp-port", String.valueOf(broker.port()),
                "amqp-username", orDefault(broker.user(), "guest"),
                "amqp-password", orDefault(broker.password(), "guest"));

        Endpoint database = options.database();
        if (database == null) {
            Database embedded = Database.start(dataDir.resolve("postgres"), 0);
            started.add(embedded);
            embeddedDatabase = embedded;
            database = new Endpoint("127.0.0.1", embedded.port(), Database.USER, Database.PASSWORD, Database.NAME);
            log("PostgreSQL (embedded) on 127.0.0.1:" + embedded.port() + ", database " + Database.NAME);
        }
        String name = orDefault(database.database(), Database.NAME);
        String address = database.host() + ":" + database.port() + "/" + name;
        databaseProperties = Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + address,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + address,
                "quarkus.datasource.username", orDefault(database.user(), Database.USER),
                "quarkus.datasource.password", orDefault(database.password(), Database.PASSWORD));
    }

    private void startServices() {
        Path logDir = options.dataDir().resolve("logs");
        for (int i = 0; i < options.counters(); i++) {
            counters.add(startCounter(i, logDir));
        }
        for (ServiceProcess counter : counters) {
            counter.awaitReady(READY_TIMEOUT);
        }

        // api-service only reads, through the reactive client, so it gets no JDBC URL.
        Map<String, String> apiProperties = new HashMap<>(databaseProperties);
        apiProperties.remove("quarkus.datasource.jdbc.url");
        api = ServiceProcess.start("api-service", jar("api-service"), portOrFree(options.apiPort()), API_JVM,
                apiProperties, logDir);
        track(api);

        ingestProperties = new HashMap<>(brokerProperties);
        options.sources().forEach((site, paths) ->
                ingestProperties.put("logtally.ingest.sources." + site + ".paths", String.join(",", paths)));
        ingestProperties.put("logtally.ingest.data-dir", options.dataDir().resolve("ingest").toString());
        ingestProperties.putAll(options.ingestProperties());
        ingest = startIngest(logDir);

        api.awaitReady(READY_TIMEOUT);
        ingest.awaitReady(READY_TIMEOUT);
    }

    private ServiceProcess startIngest(Path logDir) {
        ServiceProcess service = ServiceProcess.start("ingest-service", jar("ingest-service"), freePort(), INGEST_JVM,
                ingestProperties, logDir);
        track(service);
        return service;
    }

    private ServiceProcess startCounter(int index, Path logDir) {
        Map<String, String> properties = new HashMap<>(brokerProperties);
        properties.putAll(databaseProperties);
        properties.putAll(options.counterProperties());
        ServiceProcess counter = ServiceProcess.start("counter-service-" + (index + 1), jar("counter-service"),
                freePort(), COUNTER_JVM, properties, logDir);
        track(counter);
        return counter;
    }

    private void track(ServiceProcess service) {
        started.add(service);
        guard.record(service.pid());
    }

    /** Kills counter instance {@code index} (from 0) with SIGKILL and starts it again. */
    public void killAndRestartCounter(int index) {
        ServiceProcess old = counters.get(index);
        old.kill();
        started.remove(old);
        ServiceProcess counter = startCounter(index, options.dataDir().resolve("logs"));
        counters.set(index, counter);
        counter.awaitReady(READY_TIMEOUT);
    }

    /**
     * Kills ingest-service with SIGKILL and starts it again with the same settings, so it
     * resumes from its last checkpoint.
     */
    public void killAndRestartIngest() {
        killAndRestartIngest(() -> { });
    }

    /**
     * Kills ingest-service with SIGKILL, runs {@code whileStopped}, then starts it again with
     * the same settings, so it resumes from its last checkpoint and finds what
     * {@code whileStopped} changed. The service is started again even when it throws.
     */
    public void killAndRestartIngest(Runnable whileStopped) {
        ingest.kill();
        try {
            whileStopped.run();
        } finally {
            started.remove(ingest);
            ingest = startIngest(options.dataDir().resolve("logs"));
            ingest.awaitReady(READY_TIMEOUT);
        }
    }

    /**
     * Stops the embedded PostgreSQL server and keeps its files. The services stay up and
     * reconnect once {@link #startDatabase()} brings it back.
     *
     * @throws IllegalStateException when the pipeline uses an external database
     */
    public void stopDatabase() {
        requireEmbeddedDatabase().stop();
    }

    /**
     * Starts the embedded PostgreSQL server again on the same port and data directory.
     *
     * @throws IllegalStateException when the pipeline uses an external database
     */
    public void startDatabase() {
        requireEmbeddedDatabase().restart();
    }

    private Database requireEmbeddedDatabase() {
        if (embeddedDatabase == null) {
            throw new IllegalStateException("the pipeline uses the external database " + options.database().host()
                    + ":" + options.database().port() + ", which it cannot stop or start");
        }
        return embeddedDatabase;
    }

    /** Returns the base URL of counter instance {@code index} (from 0), which changes when it restarts. */
    public URI counterUrl(int index) {
        return URI.create("http://127.0.0.1:" + counters.get(index).port() + "/");
    }

    /** Returns the base URL of ingest-service, which changes when it restarts. */
    public URI ingestUrl() {
        return URI.create("http://127.0.0.1:" + ingest.port() + "/");
    }

    /** Returns the base URL of api-service, for example {@code http://127.0.0.1:8080/}. */
    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + api.port() + "/");
    }

    /** Returns the log files of the running services. */
    public List<Path> serviceLogs() {
        List<Path> logs = new ArrayList<>();
        counters.forEach(counter -> logs.add(counter.logFile()));
        logs.add(api.logFile());
        logs.add(ingest.logFile());
        return logs;
    }

    /** Returns true while every service process is alive. */
    public boolean isAlive() {
        return exitedService().isEmpty();
    }

    /** Returns a service whose process has exited, with its name, exit code and log file. */
    Optional<ServiceProcess> exitedService() {
        List<ServiceProcess> services = new ArrayList<>(counters);
        services.add(api);
        services.add(ingest);
        return services.stream().filter(service -> !service.isAlive()).findFirst();
    }

    @Override
    public void close() {
        // Ingest first, so nothing new is published; the database and broker last.
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                log("failed to stop " + started.get(i) + ": " + e.getMessage());
            }
        }
        started.clear();
        if (guard != null) {
            guard.close();
            guard = null;
        }
    }

    private Path jar(String service) {
        return options.root().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static int portOrFree(int port) {
        return port == 0 ? freePort() : port;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir, e);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    static void log(String message) {
        System.out.println("logtally: " + message);
    }
}
