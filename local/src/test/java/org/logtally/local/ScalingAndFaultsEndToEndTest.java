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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.logtally.local.DailyAssertions.assertDailyEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the packaged services with three counter-service instances on an embedded broker and
 * database. The daily totals must stay exact when the instances share the queue, and when a
 * counter, PostgreSQL or ingest-service goes away while events flow. Each case writes the log
 * of its own site, so the totals of one case do not mix with another's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScalingAndFaultsEndToEndTest {

    private static final Path ROOT = Path.of(System.getProperty("logtally.root", "..")).toAbsolutePath().normalize();
    private static final int COUNTERS = 3;
    private static final List<String> SITES = List.of("spread", "counter-kill", "db-restart", "ingest-kill");
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 5, 4);
    private static final int DAYS = 7;
    private static final Duration TOTALS_TIMEOUT = Duration.ofMinutes(3);
    private static final Map<String, String> INGEST_PROPERTIES = Map.of("logtally.ingest.poll-interval", "100ms");

    @TempDir
    static Path work;

    private LocalPipeline pipeline;
    private ApiClient api;

    @BeforeAll
    void startPipeline() throws IOException {
        Map<String, List<String>> sources = new LinkedHashMap<>();
        for (String site : SITES) {
            Path dir = Files.createDirectories(work.resolve("access").resolve(site));
            sources.put(site, List.of(dir.resolve("*.log").toString()));
        }
        // A short maximum backoff, so that the counters retry soon after PostgreSQL is back.
        Map<String, String> counterProperties = Map.of("logtally.counter.retry.max-backoff", "2s");
        pipeline = LocalPipeline.start(new LocalOptions(ROOT, work.resolve("data"), sources, COUNTERS, 0, null, null,
                INGEST_PROPERTIES, counterProperties));
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
    void threeCountersMatchOneCounter() throws IOException {
        CombinedLogGenerator log = generator("spread", 1);
        log.append(60_000);
        IndependentCount expected = log.count();

        Map<LocalDate, long[]> threeCounters = awaitStableTotals(api, "spread", expected);

        assertDailyEquals(expected.daily(), threeCounters);
        double insertedByAll = 0;
        for (int i = 0; i < COUNTERS; i++) {
            double inserted = ServiceProbe.metric(pipeline.counterUrl(i), "logtally_counter_events_inserted_total");
            assertTrue(inserted > 0, "counter instance " + (i + 1) + " inserted no event, so the queue was not shared");
            insertedByAll += inserted;
        }
        assertEquals(expected.lines(), (long) insertedByAll, "events inserted by all counter instances together");

        // The same file through a pipeline of its own with a single counter instance.
        Map<String, List<String>> sources = Map.of("spread", List.of(log.file().toString()));
        try (LocalPipeline single = LocalPipeline.start(new LocalOptions(ROOT, work.resolve("single-counter"),
                sources, 1, 0, null, null, INGEST_PROPERTIES))) {
            Map<LocalDate, long[]> oneCounter = awaitStableTotals(new ApiClient(single.apiUrl()), "spread", expected);

            assertDailyEquals(oneCounter, threeCounters);
        }
    }

    @Test
    @Order(2)
    void counterKilledMidBatchLosesNothing() throws Exception {
        int total = 100_000;
        try (PacedWriter writer = PacedWriter.start(generator("counter-kill", 2), total, 4_000, Duration.ofMillis(100))) {
            long hitsAtKill = awaitHitsInFlight("counter-kill", total);
            assertTrue(hitsAtKill < total * 9L / 10, "only " + (total - hitsAtKill) + " of " + total
                    + " events were left when the counter was killed; write more lines so the kill lands mid-run");
            double insertedByVictim = ServiceProbe.metric(pipeline.counterUrl(1), "logtally_counter_events_inserted_total");
            assertTrue(insertedByVictim > 0, "counter instance 2 had inserted no event before it was killed");

            pipeline.killAndRestartCounter(1);

            IndependentCount expected = writer.awaitCount(TOTALS_TIMEOUT);
            assertEquals(total, expected.lines());
            assertDailyEquals(expected.daily(), awaitStableTotals(api, "counter-kill", expected));
        }
    }

    @Test
    @Order(3)
    void databaseRestartLosesNothing() throws Exception {
        int total = 100_000;
        try (PacedWriter writer = PacedWriter.start(generator("db-restart", 3), total, 5_000, Duration.ofMillis(100))) {
            long hitsAtStop = awaitHitsInFlight("db-restart", total);
            assertTrue(hitsAtStop < total * 9L / 10, "only " + (total - hitsAtStop) + " of " + total
                    + " events were left when PostgreSQL stopped; write more lines so the stop lands mid-run");
            double failedBefore = failedBatches();

            pipeline.stopDatabase();
            try {
                for (int i = 0; i < COUNTERS; i++) {
                    int index = i;
                    await("readiness of counter instance " + (index + 1) + " goes down while PostgreSQL is stopped")
                            .atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(250))
                            .until(() -> ServiceProbe.readinessStatus(pipeline.counterUrl(index)) == 503);
                }
                await("counter instances stay up and not ready while PostgreSQL is stopped")
                        .during(Duration.ofSeconds(3))
                        .atMost(Duration.ofSeconds(15))
                        .until(() -> pipeline.isAlive() && allCountersHaveReadiness(503));
                assertTrue(failedBatches() > failedBefore, "no counter transaction failed while PostgreSQL was"
                        + " stopped, so no batch was in flight and the stop tested nothing");
            } finally {
                pipeline.startDatabase();
            }

            await("readiness of every counter instance comes back after PostgreSQL restarts")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> allCountersHaveReadiness(200));
            IndependentCount expected = writer.awaitCount(TOTALS_TIMEOUT);
            assertEquals(total, expected.lines());
            assertDailyEquals(expected.daily(), awaitStableTotals(api, "db-restart", expected));
        }
    }

    @Test
    @Order(4)
    void ingestKilledDuringWriteLosesNothing() throws Exception {
        int total = 100_000;
        try (PacedWriter writer = PacedWriter.start(generator("ingest-kill", 4), total, 2_000, Duration.ofMillis(100))) {
            awaitHitsInFlight("ingest-kill", total);
            assertFalse(writer.isDone(), "the writer finished before ingest-service was killed; write more lines");

            pipeline.killAndRestartIngest();

            IndependentCount expected = writer.awaitCount(TOTALS_TIMEOUT);
            assertEquals(total, expected.lines());
            assertDailyEquals(expected.daily(), awaitStableTotals(api, "ingest-kill", expected));
            // The other sites' files are fully checkpointed, so a restart from offset 0 would read them all again.
            double readAfterRestart = ServiceProbe.metric(pipeline.ingestUrl(), "logtally_ingest_lines_read_total");
            assertTrue(readAfterRestart < total, "the restarted ingest-service read " + (long) readAfterRestart
                    + " lines, so it did not resume from its checkpoint");
        }
    }

    private CombinedLogGenerator generator(String site, long seed) {
        return new CombinedLogGenerator(work.resolve("access").resolve(site).resolve("access.log"), seed, FIRST_DAY, DAYS);
    }

    /** Waits until at least 10% of {@code total} events of the site are counted and returns the hits then. */
    private long awaitHitsInFlight(String site, int total) {
        await("hits of site " + site + " reach 10% of " + total)
                .atMost(TOTALS_TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> siteHits(api, site) >= total / 10);
        return siteHits(api, site);
    }

    private boolean allCountersHaveReadiness(int status) {
        for (int i = 0; i < COUNTERS; i++) {
            if (ServiceProbe.readinessStatus(pipeline.counterUrl(i)) != status) {
                return false;
            }
        }
        return true;
    }

    private double failedBatches() {
        double failed = 0;
        for (int i = 0; i < COUNTERS; i++) {
            failed += ServiceProbe.metric(pipeline.counterUrl(i), "logtally_counter_batches_failed_total");
        }
        return failed;
    }

    private static long siteHits(ApiClient client, String site) {
        return client.totalHits(site, FIRST_DAY, FIRST_DAY.plusDays(DAYS - 1));
    }

    /** Waits until the site's hits reach the expected number and stay there for 3 s, then returns its days. */
    private static Map<LocalDate, long[]> awaitStableTotals(ApiClient client, String site, IndependentCount expected) {
        // Exceptions are ignored because api-service may fail a request while PostgreSQL restarts.
        await("hits of site " + site + " reach " + expected.lines())
                .atMost(TOTALS_TIMEOUT)
                .ignoreExceptionsInstanceOf(IllegalStateException.class)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> siteHits(client, site) >= expected.lines());
        await("hits of site " + site + " stay at " + expected.lines())
                .ignoreExceptionsInstanceOf(IllegalStateException.class)
                .during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> siteHits(client, site) == expected.lines());
        return client.daily(site, FIRST_DAY, FIRST_DAY.plusDays(DAYS - 1));
    }

}
