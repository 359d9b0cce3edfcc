package org.logtally.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataDirectoryGuardTest {

    @TempDir
    Path dataDir;

    @Test
    void secondLauncherOnSameDirectoryFails() {
        try (DataDirectoryGuard first = DataDirectoryGuard.acquire(dataDir)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataDirectoryGuard.acquire(dataDir));

            assertTrue(e.getMessage().startsWith("another ./logtally local is running"), e.getMessage());
        }
    }

    @Test
    void directoryIsFreeAfterClose() {
        DataDirectoryGuard.acquire(dataDir).close();

        DataDirectoryGuard.acquire(dataDir).close();
    }

    @Test
    void serviceLeftByKilledLauncherIsStopped() throws IOException, InterruptedException {
        // A process whose command line names the jar of a packaged service, as bash's $0.
        Process leftover = new ProcessBuilder("bash", "-c", "sleep 60; exit 0", "quarkus-run.jar").start();
        Files.writeString(dataDir.resolve("processes.txt"), leftover.pid() + "\n");

        DataDirectoryGuard.acquire(dataDir).close();

        assertTrue(leftover.waitFor(10, TimeUnit.SECONDS), "the leftover service process is still running");
    }

    @Test
    void unrelatedProcessIsLeftAlone() throws IOException {
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(dataDir.resolve("processes.txt"), unrelated.pid() + "\n");

            DataDirectoryGuard.acquire(dataDir).close();

            assertTrue(unrelated.isAlive(), "a process that is not a service was stopped");
            assertFalse(Files.exists(dataDir.resolve("processes.txt")), "processes.txt was kept");
        } finally {
            unrelated.destroyForcibly();
        }
    }
}
