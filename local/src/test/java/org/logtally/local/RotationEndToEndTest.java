package org.logtally.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.logtally.local.DailyAssertions.assertDailyEquals;

/**
 * Runs the packaged services on an embedded broker and database and, while they run, does to
 * the log files what logrotate or an operator does: rename, copy and truncate, compress,
 * delete, and rewrite while ingest-service is stopped. Each case writes the files of its own
 * site, and the site's daily totals must equal the independent count of every line written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RotationEndToEndTest {

    private static final Path ROOT = Path.of(System.getProperty("logtally.root", "..")).toAbsolutePath().normalize();
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 6, 1);
    private static final int DAYS = 3;
    private static final Duration TOTALS_TIMEOUT = Duration.ofSeconds(60);
    private static final String REJECTED_METRIC = "logtally_ingest_lines_rejected_total";

    /** Site name to the glob its files are followed by, relative to the site's directory. */
    private static final Map<String, String> GLOBS = new LinkedHashMap<>();

    static {
        GLOBS.put("rename", "access.log");
        GLOBS.put("copytruncate", "access.log*");
        GLOBS.put("compress", "access.log*");
        GLOBS.put("recreate", "*.log");
        GLOBS.put("rewrite-stopped", "access.log");
    }

    @TempDir
    static Path work;

    private LocalPipeline pipeline;
    private ApiClient api;

    @BeforeAll
    void startPipeline() throws IOException {
        Map<String, List<String>> sources = new LinkedHashMap<>();
        for (Map.Entry<String, String> site : GLOBS.entrySet()) {
            Path dir = Files.createDirectories(siteDir(site.getKey()));
            sources.put(site.getKey(), List.of(dir.resolve(site.getValue()).toString()));
        }
        // A rotated-file-idle shorter than the 3 s that each case watches stable totals, so renamed files are
        // released while their case still checks the totals.
        Map<String, String> ingestProperties = Map.of(
                "logtally.ingest.poll-interval", "100ms",
                "logtally.ingest.rotated-file-idle", "2s");
        pipeline = LocalPipeline.start(new LocalOptions(ROOT, work.resolve("data"), sources, 1, 0, null, null,
                ingestProperties));
        api = new ApiClient(pipeline.apiUrl());
    }

    @AfterAll
    void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void renameAndCreateCountsEveryLine() throws IOException {
        CombinedLogGenerator log = generator("rename", 11);
        Path rotated = log.file().resolveSibling("access.log.1");

        // The glob does not match the rotated name, so ingest-service must have seen the file before
        // the rename to find it again by its inode.
        log.append(200);
        awaitStableTotals("rename", log.count());
        log.append(60);
        Files.move(log.file(), rotated, StandardCopyOption.ATOMIC_MOVE);
        // nginx keeps writing to the renamed file until it reopens its logs.
        log.append(rotated, 80);
        log.append(150);

        assertDailyEquals(log.count().daily(), awaitStableTotals("rename", log.count()));
    }

    @Test
    @Order(2)
    void copytruncateCountsEveryLineOnce() throws IOException {
        CombinedLogGenerator log = generator("copytruncate", 12);
        Path copy = log.file().resolveSibling("access.log.1");

        log.append(200);
        awaitStableTotals("copytruncate", log.count());
        // These lines may still be unread when the file is truncated, so only the copy has them.
        log.append(60);
        Files.copy(log.file(), copy);
        truncate(log.file());
        log.append(120);

        assertDailyEquals(log.count().daily(), awaitStableTotals("copytruncate", log.count()));
    }

    @Test
    @Order(3)
    void compressedRotatedFileIsNotCountedAgain() throws IOException {
        CombinedLogGenerator log = generator("compress", 13);
        Path rotated = log.file().resolveSibling("access.log.1");
        double rejectedBefore = ServiceProbe.metric(pipeline.ingestUrl(), REJECTED_METRIC);

        log.append(200);
        awaitStableTotals("compress", log.count());
        Files.move(log.file(), rotated, StandardCopyOption.ATOMIC_MOVE);
        log.append(rotated, 80);
        log.append(100);
        awaitStableTotals("compress", log.count());

        // What logrotate's compress does on the next rotation: write access.log.1.gz, remove access.log.1.
        gzip(rotated, rotated.resolveSibling("access.log.1.gz"));
        Files.delete(rotated);
        log.append(120);

        assertDailyEquals(log.count().daily(), awaitStableTotals("compress", log.count()));
        assertEquals(rejectedBefore, ServiceProbe.metric(pipeline.ingestUrl(), REJECTED_METRIC),
                "lines rejected by ingest-service, so the .gz file was read as text");
    }

    @Test
    @Order(4)
    void deletedAndNewFilesAreCounted() throws IOException {
        CombinedLogGenerator log = generator("recreate", 14);

        log.append(200);
        awaitStableTotals("recreate", log.count());
        Files.delete(log.file());
        log.append(150);

        // A file written under a name the glob does not match, then renamed to one it does.
        Path upload = log.file().resolveSibling("upload.log.part");
        log.append(upload, 90);
        Files.move(upload, upload.resolveSibling("upload.log"), StandardCopyOption.ATOMIC_MOVE);
        log.append(upload.resolveSibling("upload.log"), 40);

        assertDailyEquals(log.count().daily(), awaitStableTotals("recreate", log.count()));
    }

    @Test
    @Order(5)
    void rewriteWhileIngestStoppedCountsOnce() throws IOException {
        CombinedLogGenerator log = generator("rewrite-stopped", 15);

        log.append(200);
        awaitStableTotals("rewrite-stopped", log.count());
        String firstLineBefore = firstLine(log.file());

        // The second generation is longer than the first, so only its changed first line reveals the rewrite.
        pipeline.killAndRestartIngest(() -> {
            try {
                truncate(log.file());
                log.append(300);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertNotEquals(firstLineBefore, firstLine(log.file()), "first line of the rewritten file");
        assertDailyEquals(log.count().daily(), awaitStableTotals("rewrite-stopped", log.count()));
    }

    private static Path siteDir(String site) {
        return work.resolve("access").resolve(site);
    }

    private static CombinedLogGenerator generator(String site, long seed) {
        return new CombinedLogGenerator(siteDir(site).resolve("access.log"), seed, FIRST_DAY, DAYS);
    }

    /** Truncates {@code file} to 0 bytes in place, so its inode stays the same. */
    private static void truncate(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
    }

    private static void gzip(Path source, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(source);
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(target, StandardOpenOption.CREATE_NEW))) {
            in.transferTo(out);
        }
    }

    private static String firstLine(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.findFirst().orElseThrow(() -> new IllegalStateException(file + " is empty"));
        }
    }

    private long siteHits(String site) {
        return api.totalHits(site, FIRST_DAY, FIRST_DAY.plusDays(DAYS - 1));
    }

    /** Waits until the site's hits reach the expected number and stay there for 3 s, then returns its days. */
    private Map<LocalDate, long[]> awaitStableTotals(String site, IndependentCount expected) {
        assertTrue(expected.lines() > 0, "the case wrote no lines for site " + site);
        await("hits of site " + site + " reach " + expected.lines())
                .atMost(TOTALS_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> siteHits(site) >= expected.lines());
        await("hits of site " + site + " stay at " + expected.lines())
                .during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> siteHits(site) == expected.lines());
        return api.daily(site, FIRST_DAY, FIRST_DAY.plusDays(DAYS - 1));
    }
}
