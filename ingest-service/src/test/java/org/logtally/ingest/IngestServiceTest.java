package org.logtally.ingest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.logtally.embedded.ArtemisTestResource;
import org.logtally.event.EventIds;
import org.logtally.event.LogEvent;
import org.logtally.event.RejectedLine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the service against an embedded Artemis broker. The test writes log files and reads the
 * published events back from the broker with its own AMQP client.
 */
@QuarkusTest
@TestProfile(IngestTestProfile.class)
@QuarkusTestResource(value = ArtemisTestResource.class, restrictToAnnotatedClass = true)
class IngestServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static QueueRecorder recorder;

    private final Path directory = IngestTestProfile.logDirectory();

    @BeforeEach
    void connect() throws Exception {
        if (recorder == null) {
            String host = ConfigProvider.getConfig().getValue("amqp-host", String.class);
            int port = ConfigProvider.getConfig().getValue("amqp-port", Integer.class);
            recorder = QueueRecorder.connect(host, port);
        }
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (recorder != null) {
            recorder.close();
            recorder = null;
        }
    }

    /** Returns a valid combined line whose request path {@code /tag/NNNNN} identifies it; all lines have one length. */
    private static String line(String tag, int number) {
        return String.format("10.0.0.1 - - [17/May/2015:08:05:32 +0000] \"GET /%s/%05d HTTP/1.1\" 200 1 \"-\" \"-\"\n",
                tag, number);
    }

    private static String lines(String tag, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            text.append(line(tag, i));
        }
        return text.toString();
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String fileKey(Path file, long generation) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(file, "unix:dev,ino");
        return attributes.get("dev") + ":" + attributes.get("ino") + ":" + generation;
    }

    /** Counts the events of {@code file} per request path. */
    private static Map<String, Integer> countByPath(List<LogEvent> events) {
        Map<String, Integer> counts = new HashMap<>();
        for (LogEvent event : events) {
            counts.merge(event.path(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void appendedLinesArePublishedOnce() throws Exception {
        Path file = directory.resolve("append.log");
        append(file, lines("append", 0, 30));
        await().atMost(WAIT).until(() -> recorder.eventsOf(file.toString()).size() >= 30);
        append(file, lines("append", 30, 50));
        await().atMost(WAIT).until(() -> recorder.eventsOf(file.toString()).size() >= 50);

        List<LogEvent> events = recorder.eventsOf(file.toString());
        assertEquals(50, events.size());
        Map<String, Integer> counts = countByPath(events);
        assertEquals(50, counts.size());
        assertTrue(counts.values().stream().allMatch(count -> count == 1), counts.toString());
        String key = fileKey(file, 0);
        for (LogEvent event : events) {
            assertEquals(EventIds.of(IngestTestProfile.SITE, key, event.offset()), event.id());
            assertEquals(IngestTestProfile.SITE, event.site());
            assertEquals("2015-05-17T08:05:32+00:00", event.time());
            assertEquals(200, event.status());
        }
    }

    @Test
    void partialLastLineWaitsForNewline() throws Exception {
        Path file = directory.resolve("partial.log");
        String third = line("partial", 2);
        append(file, lines("partial", 0, 2) + third.substring(0, 30));
        await().atMost(WAIT).until(() -> recorder.eventsOf(file.toString()).size() >= 2);
        await().during(Duration.ofMillis(500)).atMost(WAIT)
                .until(() -> recorder.eventsOf(file.toString()).size() == 2);

        append(file, third.substring(30));
        await().atMost(WAIT).until(() -> recorder.eventsOf(file.toString()).size() >= 3);

        List<LogEvent> events = recorder.eventsOf(file.toString());
        assertEquals(3, events.size());
        LogEvent last = events.get(2);
        assertEquals(third.substring(0, third.length() - 1), last.raw().text());
        assertEquals(2L * third.length(), last.offset());
    }

    @Test
    void truncatedFileIsReadFromStart() throws Exception {
        Path file = directory.resolve("truncate.log");
        append(file, lines("first", 0, 20));
        await().atMost(WAIT).until(() -> recorder.eventsOf(file.toString()).size() >= 20);
        Set<UUID> firstIds = new HashSet<>();
        recorder.eventsOf(file.toString()).forEach(event -> firstIds.add(event.id()));

        // The new content is shorter than the published offset, so the size shows the truncation.
        Files.writeString(file, lines("second", 0, 5), StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        await().atMost(WAIT).until(() -> recorder.eventsOf(file.toString()).size() >= 25);
        // This content is written in one step and is longer than the offset, so only the first line shows the rewrite.
        Files.writeString(file, lines("third", 0, 30), StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        await().atMost(WAIT).until(() -> recorder.eventsOf(file.toString()).size() >= 55);

        List<LogEvent> events = recorder.eventsOf(file.toString());
        assertEquals(55, events.size());
        Map<String, Integer> counts = countByPath(events);
        assertEquals(55, counts.size());
        for (LogEvent event : events.subList(20, 55)) {
            assertFalse(firstIds.contains(event.id()), "id of " + event.path() + " repeats the first generation");
        }
        assertEquals(0, events.get(20).offset());
        assertEquals("/second/00000", events.get(20).path());
        assertEquals(EventIds.of(IngestTestProfile.SITE, fileKey(file, 1), 0), events.get(20).id());
        assertEquals(0, events.get(25).offset());
        assertEquals("/third/00000", events.get(25).path());
        assertEquals(EventIds.of(IngestTestProfile.SITE, fileKey(file, 2), 0), events.get(25).id());
    }

    /**
     * The writer appends 100 lines to one file, then truncates the other to zero in place and
     * appends 100 lines to it, and so on. Every line has the same length, so after each switch
     * the file reaches exactly the size it had before. A tailer that keeps its offset finds no
     * new bytes and misses every later round.
     */
    @Test
    void truncateAndSwitchWriterLosesNoLine() throws Exception {
        Path[] files = {directory.resolve("log_a.txt"), directory.resolve("log_b.txt")};
        int rounds = 12;
        int perRound = 100;
        for (int round = 0; round < rounds; round++) {
            Path file = files[round % 2];
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                for (int i = 0; i < perRound; i++) {
                    out.write(line("switch", round * perRound + i).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
            int expected = (round + 1) * perRound;
            await().atMost(WAIT).until(() -> recorder.eventsOf(files[0].toString()).size()
                    + recorder.eventsOf(files[1].toString()).size() >= expected);
        }

        List<LogEvent> events = new ArrayList<>(recorder.eventsOf(files[0].toString()));
        events.addAll(recorder.eventsOf(files[1].toString()));
        assertEquals(rounds * perRound, events.size());
        Map<String, Integer> counts = countByPath(events);
        for (int n = 0; n < rounds * perRound; n++) {
            assertEquals(1, counts.getOrDefault(String.format("/switch/%05d", n), 0), "line " + n);
        }
        Set<UUID> ids = new HashSet<>();
        events.forEach(event -> ids.add(event.id()));
        assertEquals(rounds * perRound, ids.size());
    }

    /**
     * logrotate's default rotation: rename out of the globs, create a new file, and the writer
     * appends a burst to the renamed file before it reopens. Every line arrives once.
     */
    @Test
    void renameAndCreateRotationLosesNoLine() throws Exception {
        Path file = directory.resolve("rotate.log");
        append(file, lines("rotate", 0, 20));
        await().atMost(WAIT).until(() -> recorder.eventsOf(file.toString()).size() >= 20);
        String originalKey = fileKey(file, 0);

        Path rotated = directory.resolve("rotate.log.1");
        Files.move(file, rotated);
        append(file, lines("rotated-new", 0, 10));
        append(rotated, lines("rotate", 20, 120));
        await().atMost(WAIT).until(() -> recorder.eventsOf(file.toString()).size()
                + recorder.eventsOf(rotated.toString()).size() >= 130);

        List<LogEvent> events = new ArrayList<>(recorder.eventsOf(file.toString()));
        events.addAll(recorder.eventsOf(rotated.toString()));
        Map<String, Integer> counts = countByPath(events);
        for (int n = 0; n < 120; n++) {
            assertEquals(1, counts.getOrDefault(String.format("/rotate/%05d", n), 0), "line " + n);
        }
        for (int n = 0; n < 10; n++) {
            assertEquals(1, counts.getOrDefault(String.format("/rotated-new/%05d", n), 0), "new line " + n);
        }
        assertEquals(130, events.size());
        LogEvent burst = events.stream().filter(e -> e.path().equals("/rotate/00020")).findFirst().orElseThrow();
        assertEquals(rotated.toString(), burst.file());
        assertEquals(EventIds.of(IngestTestProfile.SITE, originalKey, 20L * line("rotate", 0).length()), burst.id());
    }

    /** copytruncate with the copy outside the globs: lines written just before the copy arrive once. */
    @Test
    void copytruncateLosesNoLine() throws Exception {
        Path file = directory.resolve("copy.log");
        append(file, lines("copy", 0, 20));
        await().atMost(WAIT).until(() -> recorder.eventsOf(file.toString()).size() >= 20);

        Path copy = directory.resolve("copy.log.1");
        append(file, lines("copy", 20, 60));
        Files.copy(file, copy);
        Files.writeString(file, lines("copy-new", 0, 3), StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        await().atMost(WAIT).until(() -> recorder.eventsOf(file.toString()).size()
                + recorder.eventsOf(copy.toString()).size() >= 63);

        List<LogEvent> events = new ArrayList<>(recorder.eventsOf(file.toString()));
        events.addAll(recorder.eventsOf(copy.toString()));
        Map<String, Integer> counts = countByPath(events);
        for (int n = 0; n < 60; n++) {
            assertEquals(1, counts.getOrDefault(String.format("/copy/%05d", n), 0), "line " + n);
        }
        for (int n = 0; n < 3; n++) {
            assertEquals(1, counts.getOrDefault(String.format("/copy-new/%05d", n), 0), "new line " + n);
        }
        assertEquals(63, events.size());
    }

    @Test
    void badLineArrivesOnRejectedQueue() throws Exception {
        Path file = directory.resolve("bad.log");
        String good = line("bad", 0);
        String bad = "10.0.0.1 - - [17/May/2015:08:05:32 +0000] \"GET /x HTTP/1.1\" abc 1 \"-\" \"-\"\n";
        append(file, good + bad + line("bad", 1));
        await().atMost(WAIT).until(() -> recorder.rejectedOf(file.toString()).size() >= 1
                && recorder.eventsOf(file.toString()).size() >= 2);

        List<RejectedLine> rejected = recorder.rejectedOf(file.toString());
        assertEquals(1, rejected.size());
        RejectedLine line = rejected.get(0);
        assertEquals("invalid status \"abc\"", line.reason());
        assertEquals(good.length(), line.offset());
        assertEquals(IngestTestProfile.SITE, line.site());
        assertEquals(bad.substring(0, bad.length() - 1), line.raw().text());
        assertNull(line.raw().base64());
        assertEquals(EventIds.of(IngestTestProfile.SITE, fileKey(file, 0), good.length()), line.id());
        assertEquals(2, recorder.eventsOf(file.toString()).size());

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("logtally_ingest_lines_rejected_total{reason=\"status\",site=\"test\"}"))
                .body(containsString("logtally_ingest_file_behind_bytes{file=\"" + file + "\",site=\"test\"}"));
    }

    @Test
    void healthIsUp() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
