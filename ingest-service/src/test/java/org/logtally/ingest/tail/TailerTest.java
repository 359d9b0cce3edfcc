package org.logtally.ingest.tail;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logtally.event.EventIds;
import org.logtally.event.LogEvent;
import org.logtally.event.RejectedLine;
import org.logtally.ingest.metrics.IngestMetrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the tailer on a real Vert.x instance and real files, with a recording sink in place of the broker. */
class TailerTest {

    private static final String SITE = "site";

    @TempDir
    Path directory;

    private Vertx vertx;
    private final List<Tailer> tailers = new ArrayList<>();

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (Tailer tailer : tailers) {
            tailer.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        vertx.closeAndAwait();
    }

    private Tailer start(RecordingSink sink, int readSize) {
        TailSettings settings = new TailSettings(Map.of(SITE, List.of(directory.resolve("*.log").toString())),
                Duration.ofMillis(20), directory.resolve("data"), 50, readSize, Duration.ofSeconds(10),
                Duration.ofMillis(100));
        Tailer tailer = new Tailer(vertx, settings, sink, new IngestMetrics(new SimpleMeterRegistry()));
        tailers.add(tailer);
        tailer.start();
        return tailer;
    }

    private void stop(Tailer tailer) throws Exception {
        tailer.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        tailers.remove(tailer);
    }

    static String line(String tag, int number) {
        return String.format("10.0.0.1 - - [17/May/2015:08:05:32 +0000] \"GET /%s/%05d HTTP/1.1\" 200 1 \"-\" \"-\"\n",
                tag, number);
    }

    static String lines(String tag, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            text.append(line(tag, i));
        }
        return text.toString();
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Truncates in place, so the inode stays, and writes {@code text} from offset 0. */
    private static void rewrite(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static String fileKey(Path file, long generation) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(file, "unix:dev,ino");
        return attributes.get("dev") + ":" + attributes.get("ino") + ":" + generation;
    }

    private static List<String> paths(RecordingSink sink) {
        return sink.events.stream().map(LogEvent::path).toList();
    }

    @Test
    void restartResumesFromCheckpoint() throws Exception {
        Path file = directory.resolve("access.log");
        append(file, lines("a", 0, 50));
        RecordingSink first = new RecordingSink();
        Tailer tailer = start(first, 1 << 20);
        await().atMost(Duration.ofSeconds(10)).until(() -> first.events.size() == 50);
        stop(tailer);

        append(file, lines("a", 50, 80));
        RecordingSink second = new RecordingSink();
        start(second, 1 << 20);
        await().atMost(Duration.ofSeconds(10)).until(() -> second.events.size() == 30);

        assertEquals(lines("a", 50, 80).lines().map(l -> l.split(" ")[6]).toList(), paths(second));
        LogEvent firstOfSecondRun = second.events.peek();
        long expectedOffset = lines("a", 0, 50).length();
        assertEquals(expectedOffset, firstOfSecondRun.offset());
        assertEquals(EventIds.of(SITE, fileKey(file, 0), expectedOffset), firstOfSecondRun.id());
    }

    @Test
    void failedSendKeepsOffsetAndRetries() throws Exception {
        Path file = directory.resolve("access.log");
        append(file, lines("a", 0, 20));
        RecordingSink sink = new RecordingSink();
        sink.failing.set(true);
        start(sink, 1 << 20);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.failedSends.get() >= 3);

        assertTrue(sink.events.isEmpty());
        CheckpointStore store = new CheckpointStore(directory.resolve("data"));
        assertTrue(store.load().stream().allMatch(checkpoint -> checkpoint.offset() == 0),
                "no offset may be stored before the broker settles the lines: " + store.load());

        sink.failing.set(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() == 20);
        long end = lines("a", 0, 20).length();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.load().stream()
                .anyMatch(checkpoint -> checkpoint.offset() == end));
        assertEquals(20, sink.events.size());
    }

    @Test
    void rewriteToSameSizeStartsNewGeneration() throws Exception {
        Path file = directory.resolve("access.log");
        append(file, lines("old", 0, 10));
        RecordingSink sink = new RecordingSink();
        start(sink, 1 << 20);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() == 10);

        rewrite(file, lines("new", 0, 10));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() == 20);

        List<LogEvent> events = new ArrayList<>(sink.events);
        Set<Object> ids = new HashSet<>();
        events.forEach(event -> ids.add(event.id()));
        assertEquals(20, ids.size(), "every event of the new content needs a new id");
        assertEquals(lines("new", 0, 10).lines().map(l -> l.split(" ")[6]).toList(),
                events.subList(10, 20).stream().map(LogEvent::path).toList());
        assertEquals(EventIds.of(SITE, fileKey(file, 1), 0), events.get(10).id());
    }

    @Test
    void lineLongerThanReadSizeIsRejected() throws Exception {
        Path file = directory.resolve("access.log");
        String longLine = "10.0.0.1 " + "x".repeat(1000) + "\n";
        append(file, line("a", 0) + longLine + line("a", 1));
        RecordingSink sink = new RecordingSink();
        start(sink, 256);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() == 2);

        assertEquals(1, sink.rejected.size());
        RejectedLine rejected = sink.rejected.peek();
        assertEquals(line("a", 0).length(), rejected.offset());
        assertTrue(rejected.reason().startsWith("line longer than 256 bytes"), rejected.reason());
        List<LogEvent> events = new ArrayList<>(sink.events);
        assertEquals(line("a", 0).length() + longLine.length(), events.get(1).offset());
    }

    @Test
    void renamedFileKeepsItsOffset() throws Exception {
        Path file = directory.resolve("access.log");
        append(file, lines("a", 0, 10));
        RecordingSink sink = new RecordingSink();
        start(sink, 1 << 20);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() == 10);

        Path renamed = directory.resolve("renamed.log");
        Files.move(file, renamed);
        append(renamed, lines("a", 10, 15));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() == 15);

        assertEquals(lines("a", 0, 15).lines().map(l -> l.split(" ")[6]).toList(), paths(sink));
        assertEquals(renamed.toString(), new ArrayList<>(sink.events).get(14).file());
    }

    @Test
    void crlfLinesAndPartialLine() throws Exception {
        Path file = directory.resolve("access.log");
        String first = line("a", 0).replace("\n", "\r\n");
        String partial = line("a", 1);
        append(file, first + partial.substring(0, 20));
        RecordingSink sink = new RecordingSink();
        start(sink, 1 << 20);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() == 1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> sink.events.size() == 1);

        append(file, partial.substring(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() == 2);

        List<LogEvent> events = new ArrayList<>(sink.events);
        assertEquals(first.substring(0, first.length() - 2), events.get(0).raw().text());
        assertEquals(partial.substring(0, partial.length() - 1), events.get(1).raw().text());
        assertEquals(first.length(), events.get(1).offset());
    }
}
