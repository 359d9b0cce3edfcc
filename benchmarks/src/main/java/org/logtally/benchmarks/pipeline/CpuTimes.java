package org.logtally.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time used so far by each part of a benchmark run, read from the operating system's accounting of each
 * process ({@link ProcessHandle.Info#totalCpuDuration()}, user and system time). The parts are the service
 * processes that this JVM started, PostgreSQL (the server process found through {@code postmaster.pid} and its
 * child processes) and this JVM, which runs the embedded broker, the database probe and, in counter-only runs, the
 * publisher. A process that exits between two readings takes its CPU time with it, so each reading covers only
 * the processes alive at that moment.
 */
public final class CpuTimes {

    static final String COUNTER = "counter-service";
    static final String INGEST = "ingest-service";
    static final String API = "api-service";
    static final String POSTGRES = "PostgreSQL";
    static final String BENCHMARK = "broker and benchmark JVM";

    /** The parts in the order of the report. */
    public static final List<String> PARTS = List.of(COUNTER, INGEST, API, POSTGRES, BENCHMARK);

    private CpuTimes() {
    }

    /** Reads the CPU time of each part, in nanoseconds. */
    static Map<String, Long> read(Path postgresDataDir) {
        Map<String, Long> nanos = new LinkedHashMap<>();
        PARTS.forEach(part -> nanos.put(part, 0L));
        ProcessHandle.current().children().forEach(child -> {
            String command = child.info().commandLine().orElse("");
            for (String service : List.of(COUNTER, INGEST, API)) {
                if (command.contains(service)) {
                    nanos.merge(service, cpu(child), Long::sum);
                }
            }
        });
        postmaster(postgresDataDir).ifPresent(server -> {
            long total = cpu(server) + server.children().mapToLong(CpuTimes::cpu).sum();
            nanos.merge(POSTGRES, total, Long::sum);
        });
        nanos.merge(BENCHMARK, cpu(ProcessHandle.current()), Long::sum);
        return nanos;
    }

    /** Returns {@code later - earlier} per part. */
    static Map<String, Long> difference(Map<String, Long> earlier, Map<String, Long> later) {
        Map<String, Long> difference = new LinkedHashMap<>();
        for (String part : PARTS) {
            difference.put(part, later.getOrDefault(part, 0L) - earlier.getOrDefault(part, 0L));
        }
        return difference;
    }

    private static long cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** Finds the PostgreSQL server process from the first line of {@code postmaster.pid}. */
    private static Optional<ProcessHandle> postmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try (Stream<String> lines = Files.lines(pidFile)) {
            return lines.findFirst().map(String::trim).map(Long::parseLong).flatMap(ProcessHandle::of);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
