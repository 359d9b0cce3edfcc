package org.logtally.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one launcher per data directory, and cleans up after a launcher that was killed.
 *
 * <p>The launcher holds a lock on {@code launcher.lock} while it runs, so a second launcher
 * on the same directory fails at once instead of waiting for the broker's journal lock. The
 * process ids of the services go to {@code processes.txt}. A launcher killed with SIGKILL
 * cannot stop its children, so the next launcher stops the services and the embedded
 * PostgreSQL server that it finds left running there.
 */
final class DataDirectoryGuard implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path processesFile;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectoryGuard(Path dataDir, FileChannel lockChannel, FileLock lock) {
        this.processesFile = dataDir.resolve("processes.txt");
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Locks {@code dataDir} for this launcher and stops the processes a killed launcher left running.
     *
     * @throws IllegalStateException when another launcher has locked the directory
     */
    static DataDirectoryGuard acquire(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(dataDir.resolve("launcher.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("another ./logtally local is running with the data directory "
                        + dataDir + "; stop it first, or give this one another --data-dir");
            }
            DataDirectoryGuard guard = new DataDirectoryGuard(dataDir, channel, lock);
            guard.stopLeftovers(dataDir);
            return guard;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the data directory " + dataDir, e);
        }
    }

    /** Records the process id of a service that this launcher started. */
    synchronized void record(long pid) {
        try {
            Files.writeString(processesFile, pid + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + processesFile, e);
        }
    }

    private void stopLeftovers(Path dataDir) throws IOException {
        if (Files.exists(processesFile)) {
            for (String line : Files.readAllLines(processesFile, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    stopIfRunning(Long.parseLong(line.trim()), "quarkus-run.jar", "service");
                }
            }
            Files.delete(processesFile);
        }
        // The first line of postmaster.pid is the process id of the PostgreSQL server.
        Path postmasterPid = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (Files.exists(postmasterPid)) {
            List<String> lines = Files.readAllLines(postmasterPid, StandardCharsets.UTF_8);
            if (!lines.isEmpty() && lines.get(0).trim().matches("\\d+")) {
                stopIfRunning(Long.parseLong(lines.get(0).trim()), "postgres", "PostgreSQL server");
            }
        }
    }

    private static void stopIfRunning(long pid, String commandPart, String description) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return;
        }
        String command = handle.get().info().commandLine().orElse("");
        if (!command.contains(commandPart)) {
            return;
        }
        LocalPipeline.log("stopping the " + description + " with process id " + pid
                + " that a killed launcher left running on this data directory");
        handle.get().destroy();
        try {
            handle.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.get().destroyForcibly();
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(processesFile);
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LocalPipeline.log("failed to release the data directory lock: " + e.getMessage());
        }
    }
}
