package org.logtally.benchmarks.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.logtally.benchmarks.parse.LogLines;
import org.logtally.embedded.Broker;
import org.logtally.embedded.Database;
import org.logtally.event.Addresses;
import org.logtally.local.Endpoint;
import org.logtally.local.LocalOptions;
import org.logtally.local.LocalPipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Pushes a generated access log through the real pipeline (embedded Artemis, embedded
 * PostgreSQL with fsync on, and the packaged services as child processes) and measures events
 * per second until {@code daily_total} has counted every line. Each run starts from fresh
 * servers. The peer, GoAccess, runs on the same file in the same process.
 *
 * <p>Usage: {@code PipelineBenchmark [--lines N] [--counters 1,2] [--work-dir DIR] [--output FILE]}.
 * The repository root is the system property {@code logtally.root} (default: the working directory).
 */
public final class PipelineBenchmark {

    private static final String SITE = "bench";
    /** Events per message, ingest-service's default {@code logtally.ingest.batch-size}. */
    private static final int BATCH_SIZE = 200;
    /** Interval between two reads of the counted hits. */
    public static final long POLL_MILLIS = 100;

    private final Path root;
    private final Path workDir;
    private final long lines;

    private PipelineBenchmark(Path root, Path workDir, long lines) {
        this.root = root;
        this.workDir = workDir;
        this.lines = lines;
    }

    public static void main(String[] args) throws Exception {
        long lines = 1_000_000;
        List<Integer> counters = List.of(1, 2);
        Path root = Path.of(System.getProperty("logtally.root", ".")).toAbsolutePath().normalize();
        Path workDir = root.resolve("benchmarks/target/pipeline");
        Path output = root.resolve("benchmarks/target/pipeline.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--lines" -> lines = Long.parseLong(value(args, ++i));
                case "--counters" -> counters = Stream.of(value(args, ++i).split(",")).map(Integer::valueOf).toList();
                case "--work-dir" -> workDir = Path.of(value(args, ++i)).toAbsolutePath();
                case "--output" -> output = Path.of(value(args, ++i)).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; the options are --lines N, --counters N[,N...], --work-dir DIR and --output FILE");
            }
        }
        Results results = new PipelineBenchmark(root, workDir, lines).run(counters);
        Files.createDirectories(output.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.toFile(), results);
        log("wrote " + output);
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException(args[index - 1] + " needs a value");
        }
        return args[index];
    }

    private Results run(List<Integer> counterCounts) throws Exception {
        deleteTree(workDir);
        Files.createDirectories(workDir);
        Path log = workDir.resolve("access.log");
        long logBytes = AccessLogWriter.write(log, lines);
        log("generated " + lines + " lines (" + logBytes + " bytes) in " + log);

        Results.GoAccess goAccess = GoAccessRun.run(log, workDir, timeoutSeconds());
        log(goAccess == null ? "goaccess not found on the PATH; no peer measured"
                : String.format("goaccess: %d lines in %.2f s", goAccess.validRequests(), goAccess.seconds()));

        List<Results.Run> runs = new ArrayList<>();
        for (int counters : counterCounts) {
            runs.add(endToEnd(log, counters));
        }
        List<byte[]> bodies = EventBodies.encode(LogLines.read(log), SITE, log.toString(), "bench-file", BATCH_SIZE);
        log("encoded " + bodies.size() + " messages for the counter-only runs");
        for (int counters : counterCounts) {
            runs.add(counterOnly(bodies, counters));
        }
        return new Results(lines, logBytes, goAccess, runs);
    }

    /** Starts the pipeline on an empty directory, then links the log into it and times until all lines are counted. */
    private Results.Run endToEnd(Path log, int counters) throws Exception {
        Path runDir = freshDir("end-to-end-" + counters);
        Path input = Files.createDirectories(runDir.resolve("input"));
        try (Servers servers = Servers.start(runDir);
             LocalPipeline pipeline = LocalPipeline.start(options(runDir, servers, input, counters));
             DatabaseProbe probe = servers.probe()) {
            long start = System.nanoTime();
            Files.createLink(input.resolve("access.log"), log);
            return awaitCount("end-to-end", counters, start, pipeline, probe, servers.postgresDir());
        }
    }

    /** Starts the pipeline with nothing to ingest, then publishes the events itself. */
    private Results.Run counterOnly(List<byte[]> bodies, int counters) throws Exception {
        Path runDir = freshDir("counter-only-" + counters);
        Path input = Files.createDirectories(runDir.resolve("input"));
        try (Servers servers = Servers.start(runDir);
             LocalPipeline pipeline = LocalPipeline.start(options(runDir, servers, input, counters));
             DatabaseProbe probe = servers.probe();
             EventPublisher publisher = new EventPublisher(servers.broker.host(), servers.broker.port(), "guest", "guest",
                     Addresses.EVENTS)) {
            long start = System.nanoTime();
            publisher.sendAll(bodies);
            log(String.format("published %d messages in %.2f s", bodies.size(), (System.nanoTime() - start) / 1e9));
            return awaitCount("counter-only", counters, start, pipeline, probe, servers.postgresDir());
        }
    }

    private LocalOptions options(Path runDir, Servers servers, Path input, int counters) {
        Endpoint broker = new Endpoint(servers.broker.host(), servers.broker.port(), "guest", "guest", null);
        Endpoint database = new Endpoint("127.0.0.1", servers.database.port(), Database.USER, Database.PASSWORD,
                Database.NAME);
        return new LocalOptions(root, runDir, Map.of(SITE, List.of(input.resolve("*.log").toString())), counters, 0,
                broker, database, Map.of());
    }

    /** Polls {@code daily_total} until it has counted every line, a service exits, or the timeout passes. */
    private Results.Run awaitCount(String mode, int counters, long start, LocalPipeline pipeline, DatabaseProbe probe,
            Path postgresDir) throws Exception {
        long deadline = start + timeoutSeconds() * 1_000_000_000L;
        long hits = probe.hits();
        // The second half starts at the first poll that finds half of the lines counted. Its rate leaves out
        // the start, when the services' code is still being compiled and their caches are empty.
        long halfTime = 0;
        long halfHits = 0;
        Map<String, Long> halfCpu = Map.of();
        while (hits < lines && System.nanoTime() < deadline && pipeline.isAlive()) {
            Thread.sleep(POLL_MILLIS);
            hits = probe.hits();
            if (halfTime == 0 && hits >= lines / 2) {
                halfTime = System.nanoTime();
                halfHits = hits;
                halfCpu = CpuTimes.read(postgresDir);
            }
        }
        long end = System.nanoTime();
        Map<String, Double> cpuPerEvent = cpuMicrosPerEvent(halfCpu, CpuTimes.read(postgresDir), hits - halfHits);
        double seconds = (end - start) / 1e9;
        double secondHalf = halfTime == 0 || end == halfTime ? Double.NaN : (hits - halfHits) / ((end - halfTime) / 1e9);
        boolean complete = hits == lines;
        if (!complete) {
            log(mode + " with " + counters + " counter(s) stopped at " + hits + " of " + lines + " hits after "
                    + Math.round(seconds) + " s" + (pipeline.isAlive() ? "" : ": a service exited; see " + pipeline.serviceLogs()));
        }
        Results.Run run = new Results.Run(mode, counters, hits, complete, seconds, hits / seconds, secondHalf,
                cpuPerEvent, probe.tableBytes());
        log(String.format("%s, %d counter(s): %d events in %.2f s, %.0f events/s, %.0f events/s in the second half",
                mode, counters, hits, seconds, run.eventsPerSecond(), secondHalf));
        return run;
    }

    /** Returns the CPU time of each part per event counted in the second half, in microseconds. */
    private static Map<String, Double> cpuMicrosPerEvent(Map<String, Long> half, Map<String, Long> end, long events) {
        Map<String, Double> perEvent = new LinkedHashMap<>();
        if (half.isEmpty() || events <= 0) {
            return perEvent;
        }
        CpuTimes.difference(half, end).forEach((part, nanos) -> perEvent.put(part, nanos / 1e3 / events));
        return perEvent;
    }

    /** Time allowed for one run: a minute plus one second per 1,000 lines. */
    private long timeoutSeconds() {
        return 60 + lines / 1_000;
    }

    private Path freshDir(String name) throws IOException {
        Path dir = workDir.resolve(name);
        deleteTree(dir);
        return Files.createDirectories(dir);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static void log(String message) {
        System.out.println("benchmark: " + message);
    }

    /**
     * The broker and database of one run, closed after the services. Their data lives in {@code servers/} of the
     * run directory, apart from the launcher's own {@code broker/} and {@code postgres/}, which the launcher treats
     * as left over from a killed run and stops.
     */
    private record Servers(Path dir, Broker broker, Database database) implements AutoCloseable {

        static Servers start(Path runDir) {
            Path dir = runDir.resolve("servers");
            Broker broker = Broker.start(dir.resolve("broker"), 0, Addresses.EVENTS, Addresses.REJECTED);
            try {
                return new Servers(dir, broker, Database.start(dir.resolve("postgres"), 0));
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
        }

        Path postgresDir() {
            return dir.resolve("postgres");
        }

        DatabaseProbe probe() throws SQLException {
            return new DatabaseProbe(database.jdbcUrl(), Database.USER, Database.PASSWORD);
        }

        @Override
        public void close() {
            database.close();
            broker.close();
        }
    }
}
