package org.logtally.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The machine a benchmark ran on, read from {@code /proc} on Linux. */
record Machine(int processors, String cpuModel, String memory, String javaVersion, String os, String loadAverage) {

    static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                procField("/proc/cpuinfo", "model name").orElse("unknown CPU"),
                procField("/proc/meminfo", "MemTotal").map(Machine::gibibytes).orElse("unknown"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                readLoadAverage());
    }

    /** Returns the value after the colon of the first line of {@code file} that starts with {@code key}. */
    private static Optional<String> procField(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Returns the 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or "unknown". */
    private static String readLoadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    /** Converts {@code /proc/meminfo}'s "24000000 kB" to GiB with one decimal. */
    private static String gibibytes(String kilobytes) {
        long kib = Long.parseLong(kilobytes.replace("kB", "").strip());
        return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
    }
}
