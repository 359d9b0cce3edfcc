package org.logtally.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Quarkus service running as a child process, with its output in a log file.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final String name;
    private final int port;
    private final Path logFile;
    private final Process process;

    private ServiceProcess(String name, int port, Path logFile, Process process) {
        this.name = name;
        this.port = port;
        this.logFile = logFile;
        this.process = process;
    }

    /**
     * Starts {@code java -jar jar} with the given JVM options, such as the heap size, and system properties.
     * The service's HTTP port is passed as {@code quarkus.http.port}. Output is appended to
     * {@code logDir/name.log}.
     */
    static ServiceProcess start(String name, Path jar, int port, List<String> jvmOptions,
                                Map<String, String> properties, Path logDir) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: build the services first with ./mvnw -DskipTests package");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        Path logFile = logDir.resolve(name + ".log");
        try {
            Files.createDirectories(logDir);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    // Append, so that the log of a killed instance survives its restart.
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            return new ServiceProcess(name, port, logFile, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * Waits until {@code /q/health/ready} returns 200, and fails with the tail of the
     * service's log when the process exits or the timeout passes first.
     */
    void awaitReady(Duration timeout) {
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was ready; last lines of " + logFile + ":\n" + logTail());
            }
            if (isReady(ready)) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s; last lines of "
                + logFile + ":\n" + logTail());
    }

    private static boolean isReady(URI ready) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for readiness", e);
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Returns the exit code, or -1 while the process runs. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process at once, as {@code kill -9} would. */
    void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
    }

    /** Stops the service with SIGTERM, so Quarkus shuts down cleanly, and kills it after 20 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit(Duration.ofSeconds(20))) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(5));
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for readiness", e);
        }
    }
}
