package org.logtally.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.logtally.local.DailyAssertions.assertDailyEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the three packaged services on an embedded broker and database, feeds them log
 * files, and compares the API's daily totals with counts made independently from the input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineEndToEndTest {

    private static final Path ROOT = Path.of(System.getProperty("logtally.root", "..")).toAbsolutePath().normalize();
    private static final Path SHARED_SAMPLE = ROOT.resolveSibling("shared").resolve("data/nginx-sample.log");
    private static final long SHARED_SAMPLE_LINES = 51_462;

    // Static, because JUnit 6.0.3 left an instance @TempDir field null in @BeforeAll here.
    @TempDir
    static Path work;

    private LocalPipeline pipeline;
    private ApiClient api;
    private Path writerDir;

    @BeforeAll
    void startPipeline() throws IOException {
        writerDir = Files.createDirectories(work.resolve("writer"));
        Map<String, List<String>> sources = Map.of(
                "bundled", List.of(ROOT.resolve("samples/access.log").toString()),
                "writer", List.of(writerDir.resolve("log_*.txt").toString()),
                "nginx", List.of(SHARED_SAMPLE.toString()));
        pipeline = LocalPipeline.start(new LocalOptions(ROOT, work.resolve("data"), sources, 1, 0, null, null,
                Map.of("logtally.ingest.poll-interval", "100ms")));
        api = new ApiClient(pipeline.apiUrl());
    }

    @AfterAll
    void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void realNginxLogTotalsMatchIndependentCount() throws IOException {
        if (!Files.isRegularFile(SHARED_SAMPLE)) {
            // Surefire shows an assumption's message only in its report files, so print it here too.
            System.out.println("Skipping the real nginx log test: " + SHARED_SAMPLE + " is not present");
        }
        assumeTrue(Files.isRegularFile(SHARED_SAMPLE),
                "skipped: the real nginx sample " + SHARED_SAMPLE + " is not present beside the repository");
        IndependentCount expected = IndependentCount.of(SHARED_SAMPLE);
        assertEquals(SHARED_SAMPLE_LINES, expected.lines(), "lines in " + SHARED_SAMPLE);

        Map<LocalDate, long[]> actual = awaitStableTotals("nginx", expected);

        assertDailyEquals(expected.daily(), actual);
    }

    @Test
    void bundledSampleTotalsMatchIndependentCount() throws IOException {
        IndependentCount expected = new IndependentCount();
        for (String line : Files.readAllLines(ROOT.resolve("samples/access.log"))) {
            if (!line.startsWith("this line") && !line.contains("\" OK ")) {
                expected.add(line);
            }
        }

        Map<LocalDate, long[]> actual = awaitStableTotals("bundled", expected);

        assertDailyEquals(expected.daily(), actual);
    }

    @Test
    void truncateAndSwitchWriterIsCountedExactly() throws Exception {
        TruncatingWriter writer = new TruncatingWriter(writerDir.resolve("log_a.txt"), writerDir.resolve("log_b.txt"));

        IndependentCount expected = writer.write(12, 100, Duration.ofMillis(600));

        assertEquals(1_200, expected.lines());
        Map<LocalDate, long[]> actual = awaitStableTotals("writer", expected);
        assertDailyEquals(expected.daily(), actual);
    }

    /** Waits until the site's hits reach the expected number and stay there for 3 s. */
    private Map<LocalDate, long[]> awaitStableTotals(String site, IndependentCount expected) {
        LocalDate from = expected.daily().keySet().iterator().next();
        LocalDate to = from.plusDays(365);
        await("hits of site " + site + " reach " + expected.lines())
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.totalHits(site, from, to) >= expected.lines());
        await("hits of site " + site + " stay at " + expected.lines())
                .during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> api.totalHits(site, from, to) == expected.lines());
        return api.daily(site, from, to);
    }
}
