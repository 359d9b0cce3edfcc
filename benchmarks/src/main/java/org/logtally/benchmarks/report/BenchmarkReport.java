package org.logtally.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.logtally.benchmarks.parse.LogLines;
import org.logtally.benchmarks.pipeline.CpuTimes;
import org.logtally.benchmarks.pipeline.PipelineBenchmark;
import org.logtally.benchmarks.pipeline.Results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code docs/benchmarks.md} from JMH's JSON results ({@code -rf json}) and the pipeline
 * benchmark's JSON.
 *
 * <p>Usage: {@code BenchmarkReport JMH_JSON PIPELINE_JSON OUTPUT_MD COMMAND}. Relative paths in the
 * JMH parameters are resolved against the system property {@code logtally.root}.
 */
public final class BenchmarkReport {

    /** Parser target of the project: combined lines per second on one core. */
    static final double PARSER_TARGET = 2_000_000;
    /** Pipeline target of the project: lines per second on 2 cores. */
    static final double PIPELINE_TARGET = 100_000;

    private static final String BENCHMARK_CLASS = "org.logtally.benchmarks.parse.CombinedLogParserBenchmark.";

    private final Path root;
    private final StringBuilder page = new StringBuilder();

    private BenchmarkReport(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: BenchmarkReport JMH_JSON PIPELINE_JSON OUTPUT_MD COMMAND");
        }
        Path root = Path.of(System.getProperty("logtally.root", ".")).toAbsolutePath().normalize();
        ObjectMapper mapper = new ObjectMapper();
        JsonNode jmh = mapper.readTree(Path.of(args[0]).toFile());
        Results pipeline = mapper.readValue(Path.of(args[1]).toFile(), Results.class);
        String markdown = new BenchmarkReport(root).write(jmh, pipeline, args[3], Machine.current());
        Files.writeString(Path.of(args[2]), markdown);
        System.out.println("benchmark: wrote " + args[2]);
    }

    String write(JsonNode jmh, Results pipeline, String command, Machine machine) throws IOException {
        header(command, machine, jmh);
        parser(jmh);
        pipeline(pipeline);
        storage(pipeline);
        return page.toString();
    }

    private void header(String command, Machine machine, JsonNode jmh) {
        String date = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                .format(ZonedDateTime.now(ZoneOffset.UTC));
        JsonNode first = jmh.path(0);
        line("# Benchmarks");
        line("");
        line("Speed in logtally is measured, not asserted. Every number on this page comes from one run of the");
        line("command below, which rewrites the page. Each result is given as a ratio to a peer measured in the");
        line("same run on the same machine. No test checks a time.");
        line("");
        line("    " + command);
        if (command.endsWith(" LOG")) {
            line("");
            line("LOG is the extra nginx log of the parser table, given as a path.");
        }
        line("");
        line("- Date: " + date);
        line("- Machine: " + machine.processors() + " cores (nproc), " + machine.cpuModel() + ", " + machine.memory()
                + " of memory, " + machine.os());
        line("- Java: " + machine.javaVersion());
        line("- JMH " + first.path("jmhVersion").asText("?") + ": " + first.path("forks").asInt() + " fork, "
                + first.path("warmupIterations").asInt() + " warm-up and " + first.path("measurementIterations").asInt()
                + " measurement iterations of " + first.path("measurementTime").asText() + ", one thread.");
        line("- Conditions: other work may run on the machine at the same time, so the numbers are noisy. The load");
        line("  average (1, 5 and 15 minutes) when the page was written was " + machine.loadAverage() + " on "
                + machine.processors() + " cores.");
        line("  A rerun on a quiet machine may give higher rates.");
        line("");
    }

    private void parser(JsonNode jmh) throws IOException {
        Map<String, Map<String, JsonNode>> byInput = new LinkedHashMap<>();
        for (JsonNode result : jmh) {
            String method = result.path("benchmark").asText().replace(BENCHMARK_CLASS, "");
            String input = result.path("params").path("input").asText();
            byInput.computeIfAbsent(input, key -> new LinkedHashMap<>()).put(method, result.path("primaryMetric"));
        }

        line("## Parser");
        line("");
        line("Lines per second on one thread, parsing lines already in memory. logtally is ingest-service's");
        line("`CombinedLogParser.parse(byte[], int, int)`, a single scan of the bytes. The peer is one");
        line("`java.util.regex` pattern for the fields and a `DateTimeFormatter` for the time, the common way to");
        line("parse this format (`RegexCombinedLogParser`); it skips escape decoding, which favours it slightly.");
        line("Both decode the line from UTF-8 and return the same fields. The score error is JMH's 99.9%");
        line("confidence interval.");
        line("");
        line("| input | lines | logtally (lines/s) | regex peer (lines/s) | logtally / peer |");
        line("| --- | ---: | ---: | ---: | ---: |");
        for (Map.Entry<String, Map<String, JsonNode>> entry : byInput.entrySet()) {
            JsonNode combined = entry.getValue().get("combinedLogParser");
            JsonNode regex = entry.getValue().get("regexParser");
            Path input = root.resolve(entry.getKey());
            String name = input.startsWith(root) ? root.relativize(input).toString() : input.getFileName().toString();
            line("| `" + name + "` | " + count(LogLines.read(input).size()) + " | " + score(combined) + " | "
                    + score(regex) + " | " + ratio(value(combined), value(regex)) + " |");
        }
        line("");
        double best = 0;
        for (Map<String, JsonNode> results : byInput.values()) {
            best = Math.max(best, value(results.get("combinedLogParser")));
        }
        line("Target: at least " + count((long) PARSER_TARGET) + " combined lines per second on one core. The best"
                + " rate measured here is " + ratio(best, PARSER_TARGET) + " of it.");
        line("");
    }

    private void pipeline(Results results) {
        Results.GoAccess goAccess = results.goAccess();
        line("## Pipeline");
        line("");
        line("Events per second through the real pipeline: embedded Artemis 2.40.0 and embedded PostgreSQL 14");
        line("(fsync on) in the benchmark's JVM, and the packaged services as child processes, all on this");
        line("machine. Each run starts with fresh servers and ends when the sum of `daily_total.hits` equals the");
        line("line count. The input is " + count(results.lines()) + " generated combined lines ("
                + mebibytes(results.logBytes()) + ") over 30 days, shaped like a real site's traffic. Each day");
        line("has about one visitor (client address and user agent) per 10 lines, as the nginx sample log in the");
        line("tests has, and each visitor requests up to 3 pages with one referrer.");
        line("");
        line("- end-to-end: ingest-service reads the log file, which appears in the followed directory when the");
        line("  clock starts, and publishes batches of at most 200 events and 96 KiB (about 100 of these lines)");
        line("  that counter-service stores and counts.");
        line("- counter-only: the benchmark publishes the same batches straight to `logtally.events` with the");
        line("  Vert.x AMQP client, so the parsing in ingest-service is left out.");
        line("");

        if (goAccess != null) {
            line(String.format(Locale.ROOT, "Peer: %s on the same file, `goaccess FILE --log-format=COMBINED -o"
                    + " report.json`,\ncounted %s valid lines in %.2f s wall time, %s lines/s. GoAccess keeps its counts\n"
                    + "in memory and stores nothing.", goAccess.version(), count(goAccess.validRequests()),
                    goAccess.seconds(), count(Math.round(goAccess.linesPerSecond()))));
        } else {
            line("Peer: GoAccess was not installed, so no ratio is given (`apt-get install goaccess`).");
        }
        line("");

        line("events/s is the rate of the whole run. The second half is the rate from the first poll (every");
        line(PipelineBenchmark.POLL_MILLIS + " ms) that found half of the lines counted to the end. It leaves out the start, when the");
        line("services' code is still being compiled and their caches are empty, so it is closer to the rate at");
        line("which a running pipeline keeps up with a log.");
        line("");
        line("| run | counter instances | events counted | seconds | events/s | second half events/s "
                + "| logtally / GoAccess | second half / GoAccess |");
        line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Results.Run run : results.runs()) {
            String counted = count(run.hits()) + (run.complete() ? "" : " (timed out)");
            line(String.format(Locale.ROOT, "| %s | %d | %s | %.1f | %s | %s | %s | %s |", run.mode(), run.counters(),
                    counted, run.seconds(), count(Math.round(run.eventsPerSecond())),
                    rate(run.secondHalfEventsPerSecond()),
                    goAccess == null ? "-" : ratio(run.eventsPerSecond(), goAccess.linesPerSecond()),
                    goAccess == null || Double.isNaN(run.secondHalfEventsPerSecond()) ? "-"
                            : ratio(run.secondHalfEventsPerSecond(), goAccess.linesPerSecond())));
        }
        line("");
        double best = results.runs().stream().mapToDouble(Results.Run::eventsPerSecond).max().orElse(Double.NaN);
        double bestSecondHalf = results.runs().stream().mapToDouble(Results.Run::secondHalfEventsPerSecond)
                .filter(rate -> !Double.isNaN(rate)).max().orElse(Double.NaN);
        line("Target: keep up with " + count((long) PIPELINE_TARGET) + " lines per second on 2 cores. The best"
                + " whole-run rate measured here is " + ratio(best, PIPELINE_TARGET) + " of it, the best second-half"
                + " rate " + ratio(bestSecondHalf, PIPELINE_TARGET) + ".");
        line("");
        cpuPerEvent(results);
    }

    private void cpuPerEvent(Results results) {
        List<String> parts = CpuTimes.PARTS;
        line("### CPU per event");
        line("");
        line("CPU time (user and system) that each part used in the second half of each run, divided by the");
        line("events counted in that half, in microseconds. PostgreSQL is its server process and the processes");
        line("it started. The broker runs in the benchmark's JVM, with the probe that polls the hits and, in");
        line("counter-only runs, the publisher. With 2 cores, a run can use at most 2 s of CPU per second, so");
        line("the sum of a row bounds the rate at about 2,000,000 divided by that sum.");
        line("");
        line("| run | counter instances | " + String.join(" | ", parts) + " | sum |");
        line("| --- | ---: |" + " ---: |".repeat(parts.size() + 1));
        for (Results.Run run : results.runs()) {
            Map<String, Double> cpu = run.secondHalfCpuMicrosPerEvent();
            if (cpu == null || cpu.isEmpty()) {
                continue;
            }
            StringBuilder row = new StringBuilder("| " + run.mode() + " | " + run.counters() + " |");
            double sum = 0;
            for (String part : parts) {
                double micros = cpu.getOrDefault(part, 0.0);
                sum += micros;
                row.append(String.format(Locale.ROOT, " %.1f |", micros));
            }
            row.append(String.format(Locale.ROOT, " %.1f |", sum));
            line(row.toString());
        }
        line("");
    }

    private void storage(Results results) {
        Results.Run run = results.runs().stream()
                .filter(candidate -> candidate.mode().equals("end-to-end") && candidate.complete())
                .findFirst()
                .orElse(null);
        line("## Storage");
        line("");
        if (run == null) {
            line("No end-to-end run finished, so no storage was measured.");
            return;
        }
        line("`pg_total_relation_size` (table, indexes and TOAST) of each table after the first complete");
        if (results.lines() == 1_000_000) {
            line("end-to-end run (" + run.counters() + " counter instance), which counted one million lines. `raw_event`");
            line("keeps every line and its parsed fields, so it grows with the lines. The other tables grow with days,");
            line("visitors and distinct values, so on a real site they depend on its traffic more than on its lines.");
        } else {
            line("end-to-end run (" + run.counters() + " counter instance), scaled to one million lines. `raw_event`");
            line("keeps every line and its parsed fields, so it grows with the lines. The other tables grow with days,");
            line("visitors or rejected lines, so their scaled sizes are likely too high.");
        }
        line("");
        line("| table | size after the run | per million lines |");
        line("| --- | ---: | ---: |");
        long total = 0;
        for (Map.Entry<String, Long> table : run.tableBytes().entrySet()) {
            total += table.getValue();
            line("| `" + table.getKey() + "` | " + mebibytes(table.getValue()) + " | "
                    + mebibytes(table.getValue() * 1_000_000.0 / results.lines()) + " |");
        }
        line("| all | " + mebibytes(total) + " | " + mebibytes(total * 1_000_000.0 / results.lines()) + " |");
        line("");
    }

    private static double value(JsonNode metric) {
        return metric == null ? Double.NaN : metric.path("score").asDouble();
    }

    private static String score(JsonNode metric) {
        if (metric == null) {
            return "-";
        }
        return count(Math.round(metric.path("score").asDouble())) + " ± "
                + count(Math.round(metric.path("scoreError").asDouble()));
    }

    private static String ratio(double value, double peer) {
        if (Double.isNaN(value) || Double.isNaN(peer) || peer <= 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f×", value / peer);
    }

    private static String rate(double value) {
        return Double.isNaN(value) ? "-" : count(Math.round(value));
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String mebibytes(double bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1024 / 1024);
    }

    private void line(String text) {
        page.append(text).append('\n');
    }
}
