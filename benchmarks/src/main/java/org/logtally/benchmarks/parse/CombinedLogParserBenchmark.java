package org.logtally.benchmarks.parse;

import org.logtally.ingest.parse.CombinedLogParser;
import org.logtally.ingest.parse.InvalidLineException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Lines per second of ingest-service's {@link CombinedLogParser} and of the usual regular
 * expression parser, {@link RegexCombinedLogParser}, on one thread. Each operation parses
 * one line from bytes already in memory, cycling through every line of the input file, so
 * the score in operations per second is lines per second. Invalid lines stay in the input:
 * the logtally parser raises {@link InvalidLineException} for them and the peer returns null.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CombinedLogParserBenchmark {

    /** Access log file, relative to the working directory; override with {@code -p input=FILE,...}. */
    @Param("samples/access.log")
    public String input;

    private final CombinedLogParser combined = new CombinedLogParser();
    private final RegexCombinedLogParser regex = new RegexCombinedLogParser();
    private LogLines lines;
    private int next;

    @Setup(Level.Trial)
    public void readInput() throws IOException {
        lines = LogLines.read(Path.of(input));
        next = 0;
    }

    @Benchmark
    public Object combinedLogParser() {
        int line = nextLine();
        try {
            return combined.parse(lines.bytes(), lines.start(line), lines.end(line));
        } catch (InvalidLineException e) {
            return e;
        }
    }

    @Benchmark
    public Object regexParser() {
        int line = nextLine();
        return regex.parse(lines.bytes(), lines.start(line), lines.end(line));
    }

    private int nextLine() {
        int line = next;
        next = line + 1 == lines.size() ? 0 : line + 1;
        return line;
    }
}
