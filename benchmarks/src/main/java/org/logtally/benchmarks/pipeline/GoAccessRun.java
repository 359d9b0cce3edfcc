package org.logtally.benchmarks.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs GoAccess on a log file as the peer of the pipeline benchmark and times its wall clock.
 * GoAccess keeps its counts in memory and stores nothing, so it does less work than the pipeline.
 */
final class GoAccessRun {

    private GoAccessRun() {
    }

    /**
     * Runs {@code goaccess FILE --log-format=COMBINED -o DIR/goaccess.json}.
     *
     * @return the result, or null when no {@code goaccess} command is on the PATH
     * @throws IllegalStateException when GoAccess fails or does not finish within {@code timeoutSeconds}
     */
    static Results.GoAccess run(Path log, Path workDir, long timeoutSeconds) throws IOException, InterruptedException {
        String version = version();
        if (version == null) {
            return null;
        }
        Path report = workDir.resolve("goaccess.json");
        Path output = workDir.resolve("goaccess.log");
        ProcessBuilder builder = new ProcessBuilder(List.of("goaccess", log.toString(), "--log-format=COMBINED",
                "--no-progress", "-o", report.toString()))
                .redirectInput(new File("/dev/null"))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("goaccess did not finish within " + timeoutSeconds + " s; see " + output);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (process.exitValue() != 0) {
            throw new IllegalStateException("goaccess exited with code " + process.exitValue() + ": "
                    + Files.readString(output).strip());
        }
        JsonNode general = new ObjectMapper().readTree(report.toFile()).path("general");
        long valid = general.path("valid_requests").asLong(-1);
        return new Results.GoAccess(version, valid, seconds, valid / seconds);
    }

    /** Returns the first line of {@code goaccess --version}, or null when the command is missing. */
    private static String version() throws InterruptedException {
        try {
            Process process = new ProcessBuilder("goaccess", "--version").redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes()).strip();
            process.waitFor(10, TimeUnit.SECONDS);
            return text.lines().findFirst().orElse("goaccess").replaceAll("\\.$", "");
        } catch (IOException e) {
            return null;
        }
    }
}
