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
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the tailer on a real Vert.x instance and real files, with a recording sink in place of the broker. */
class TailerTest {

    private static final String SITE = "site";
    private static final Duration WAIT = Duration.ofSeconds(10);

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

    /** Tailer settings that a test changes before {@link #start(RecordingSink, Options)}. */
    private final class Options {
        String pattern = directory.resolve("*.log").toString();
        int readSize = 1 << 20;
        int maxLineLength = 65536;
        Duration partialLineIdle = Duration.ofSeconds(30);
        Duration rotatedFileIdle = Duration.ofMillis(200);
        boolean backfill;
        List<Path> rotatedDirs = List.of();

        TailSettings settings() {
            return new TailSettings(Map.of(SITE, List.of(pattern)), Duration.ofMillis(20), directory.resolve("data"),
                    50, readSize, maxLineLength, partialLineIdle, rotatedFileIdle, backfill, Duration.ofSeconds(10),
                    Duration.ofMillis(100), Map.of(SITE, rotatedDirs));
        }
    }

    private Tailer start(RecordingSink sink) {
        return start(sink, new Options());
    }

    private Tailer start(RecordingSink sink, Options options) {
        return start(vertx, sink, options);
    }

    private Tailer start(Vertx on, RecordingSink sink, Options options) {
        Tailer tailer = new Tailer(on, options.settings(), sink, new IngestMetrics(new SimpleMeterRegistry()));
        if (on == vertx) {
            tailers.add(tailer);
        }
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

    /** Returns the request paths of {@code text}, one per line. */
    private static List<String> pathsOf(String text) {
        return text.lines().map(l -> l.split(" ")[6]).toList();
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void appendBytes(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Truncates in place, so the inode stays, and writes {@code text} from offset 0. */
    private static void rewrite(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static void gzip(Path source, Path target) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            Files.copy(source, out);
        }
    }

    private static void gzipText(Path target, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String fileKey(Path file, long generation) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(file, "unix:dev,ino");
        return attributes.get("dev") + ":" + attributes.get("ino") + ":" + generation;
    }

    private static List<String> paths(RecordingSink sink) {
        return sink.events.stream().map(LogEvent::path).toList();
    }

    /** Counts the events of the sink per request path. */
    private static Map<String, Integer> countByPath(RecordingSink sink) {
        Map<String, Integer> counts = new HashMap<>();
        for (LogEvent event : sink.events) {
            counts.merge(event.path(), 1, Integer::sum);
        }
        return counts;
    }

    private static void assertEachOnce(RecordingSink sink, String text) {
        Map<String, Integer> counts = countByPath(sink);
        for (String path : pathsOf(text)) {
            assertEquals(1, counts.getOrDefault(path, 0), "events of " + path);
        }
        assertEquals(pathsOf(text).size(), sink.events.size(), "events in total");
    }

    private CheckpointFile checkpoints() {
        return new CheckpointStore(directory.resolve("data")).load();
    }

    private Checkpoint checkpointOf(Path file) {
        return checkpoints().files().stream().filter(c -> c.path().equals(file.toString())).findFirst().orElse(null);
    }

    private static UUID idOf(RecordingSink sink, String path) {
        return sink.events.stream().filter(e -> e.path().equals(path)).findFirst().orElseThrow().id();
    }

    @Test
    void restartResumesFromCheckpoint() throws Exception {
        Path file = directory.resolve("access.log");
        append(file, lines("a", 0, 50));
        RecordingSink first = new RecordingSink();
        Tailer tailer = start(first);
        await().atMost(WAIT).until(() -> first.events.size() == 50);
        stop(tailer);

        append(file, lines("a", 50, 80));
        RecordingSink second = new RecordingSink();
        start(second);
        await().atMost(WAIT).until(() -> second.events.size() == 30);

        assertEquals(pathsOf(lines("a", 50, 80)), paths(second));
        LogEvent firstOfSecondRun = second.events.peek();
        long expectedOffset = lines("a", 0, 50).length();
        assertEquals(expectedOffset, firstOfSecondRun.offset());
        assertEquals(EventIds.of(SITE, fileKey(file, 0), expectedOffset), firstOfSecondRun.id());
    }

    /**
     * The first tailer's broker settles two sends and then never settles another, and the
     * process dies without stopping. The next run sends exactly the unsettled lines again, with their ids.
     */
    @Test
    void killedTailerResendsOnlyUnsettledLines() throws Exception {
        Path file = directory.resolve("access.log");
        append(file, lines("a", 0, 40));
        Options options = new Options();
        options.readSize = 10 * line("a", 0).length();
        RecordingSink first = new RecordingSink();
        first.settleLimit.set(2);
        Vertx doomed = Vertx.vertx();
        start(doomed, first, options);
        await().atMost(WAIT).until(() -> !first.unsettled.isEmpty());
        doomed.closeAndAwait();

        RecordingSink second = new RecordingSink();
        start(second, options);
        // Waits for the checkpoint, not for a count of events, so a run that lost lines fails an assert below.
        long end = Files.size(file);
        await().atMost(WAIT).until(() -> {
            Checkpoint checkpoint = checkpointOf(file);
            return checkpoint != null && checkpoint.offset() == end;
        });

        Set<UUID> settledIds = new HashSet<>();
        first.events.forEach(event -> settledIds.add(event.id()));
        assertEquals(20, settledIds.size());
        for (LogEvent event : second.events) {
            assertFalse(settledIds.contains(event.id()), "settled line sent again: " + event.path());
        }
        List<UUID> unsettledIds = first.unsettled.stream().map(LogEvent::id).toList();
        List<UUID> resentIds = second.events.stream().limit(unsettledIds.size()).map(LogEvent::id).toList();
        assertEquals(unsettledIds, resentIds);
        assertEquals(20, second.events.size());
        assertEquals(pathsOf(lines("a", 20, 40)), paths(second));
    }

    @Test
    void failedSendKeepsOffsetAndRetries() throws Exception {
        Path file = directory.resolve("access.log");
        append(file, lines("a", 0, 20));
        Options options = new Options();
        options.readSize = 5 * line("a", 0).length();
        RecordingSink sink = new RecordingSink();
        sink.failing.set(true);
        start(sink, options);
        await().atMost(WAIT).until(() -> sink.failedSends.get() >= 3);

        assertTrue(sink.events.isEmpty());
        assertTrue(checkpoints().files().stream().allMatch(checkpoint -> checkpoint.offset() == 0),
                "no offset may be stored before the broker settles the lines: " + checkpoints());
        // Bounded memory: while the broker fails, every attempt is the first step again, never a read ahead.
        assertEquals(Set.of(0L), new HashSet<>(sink.failedOffsets));

        sink.failing.set(false);
        await().atMost(WAIT).until(() -> sink.events.size() == 20);
        long end = lines("a", 0, 20).length();
        await().atMost(WAIT).until(() -> checkpoints().files().stream()
                .anyMatch(checkpoint -> checkpoint.offset() == end));
        assertEquals(20, sink.events.size());
    }

    @Test
    void rewriteToSameSizeStartsNewGeneration() throws Exception {
        Path file = directory.resolve("access.log");
        append(file, lines("old", 0, 10));
        RecordingSink sink = new RecordingSink();
        start(sink);
        await().atMost(WAIT).until(() -> sink.events.size() == 10);

        rewrite(file, lines("new", 0, 10));
        await().atMost(WAIT).until(() -> sink.events.size() == 20);

        List<LogEvent> events = new ArrayList<>(sink.events);
        Set<Object> ids = new HashSet<>();
        events.forEach(event -> ids.add(event.id()));
        assertEquals(20, ids.size(), "every event of the new content needs a new id");
        assertEquals(pathsOf(lines("new", 0, 10)), events.subList(10, 20).stream().map(LogEvent::path).toList());
        assertEquals(EventIds.of(SITE, fileKey(file, 1), 0), events.get(10).id());
    }

    /**
     * logrotate's default: the file is renamed out of the glob and a new one is created. The
     * writer still appends a burst to the old file before it reopens, and all of it is read.
     */
    @Test
    void renameAndCreateReadsBurstFromRotatedFile() throws Exception {
        Path file = directory.resolve("access.log");
        append(file, lines("a", 0, 10));
        RecordingSink sink = new RecordingSink();
        start(sink);
        await().atMost(WAIT).until(() -> sink.events.size() == 10);
        String originalKey = fileKey(file, 0);

        Path rotated = directory.resolve("access.log.1");
        Files.move(file, rotated);
        append(file, lines("new", 0, 5));
        append(rotated, lines("a", 10, 210));
        await().atMost(WAIT).until(() -> sink.events.size() >= 215);

        assertEachOnce(sink, lines("a", 0, 210) + lines("new", 0, 5));
        long burstOffset = lines("a", 0, 10).length();
        assertEquals(EventIds.of(SITE, originalKey, burstOffset), idOf(sink, "/a/00010"));
        assertEquals(EventIds.of(SITE, fileKey(file, 0), 0), idOf(sink, "/new/00000"));
        await().atMost(WAIT).until(() -> checkpointOf(rotated) != null && checkpointOf(rotated).released());
        assertEquals(lines("a", 0, 210).length(), checkpointOf(rotated).offset());

        // A released file is not read again.
        append(rotated, lines("late", 0, 1));
        append(file, lines("new", 5, 6));
        await().atMost(WAIT).until(() -> sink.events.size() >= 216);
        assertEquals(216, sink.events.size());
        assertEquals(0, countByPath(sink).getOrDefault("/late/00000", 0));
    }

    /**
     * logrotate's olddir: the file is renamed into another directory while the broker fails, so
     * lines are still unread. That directory is in rotated-dirs, so the file is found there by
     * its inode and every line is counted once.
     */
    @Test
    void renameIntoRotatedDirReadsUnreadLines() throws Exception {
        Path file = directory.resolve("access.log");
        Path oldDir = Files.createDirectory(directory.resolve("old"));
        Options options = new Options();
        options.rotatedDirs = List.of(oldDir);
        RecordingSink sink = new RecordingSink();
        append(file, lines("a", 0, 10));
        start(sink, options);
        await().atMost(WAIT).until(() -> sink.events.size() == 10);

        sink.failing.set(true);
        append(file, lines("a", 10, 20));
        await().atMost(WAIT).until(() -> sink.failedSends.get() > 0);
        String originalKey = fileKey(file, 0);
        Files.move(file, oldDir.resolve("access.log.1"));
        append(file, lines("b", 0, 5));
        sink.failing.set(false);
        await().atMost(WAIT).until(() -> sink.events.size() >= 25);

        assertEachOnce(sink, lines("a", 0, 20) + lines("b", 0, 5));
        assertEquals(EventIds.of(SITE, originalKey, lines("a", 0, 10).length()), idOf(sink, "/a/00010"));
    }

    @Test
    void renamedFileKeepsItsOffset() throws Exception {
        Path file = directory.resolve("access.log");
        append(file, lines("a", 0, 10));
        RecordingSink sink = new RecordingSink();
        start(sink);
        await().atMost(WAIT).until(() -> sink.events.size() == 10);

        Path renamed = directory.resolve("renamed.log");
        Files.move(file, renamed);
        append(renamed, lines("a", 10, 15));
        await().atMost(WAIT).until(() -> sink.events.size() == 15);

        assertEquals(pathsOf(lines("a", 0, 15)), paths(sink));
        assertEquals(renamed.toString(), new ArrayList<>(sink.events).get(14).file());
    }

    /**
     * copytruncate with a copy that the glob matches. The broker fails while lines are appended,
     * so they are not read before the copy and the truncation. They are read once, from the
     * copy, with the ids of the original; the rest of the copy is not counted again.
     */
    @Test
    void copytruncateCopyInGlobIsNotCountedAgain() throws Exception {
        Path file = directory.resolve("access.log");
        Options options = new Options();
        options.pattern = directory.resolve("access.log*").toString();
        append(file, lines("a", 0, 20));
        RecordingSink sink = new RecordingSink();
        start(sink, options);
        await().atMost(WAIT).until(() -> sink.events.size() == 20);
        String originalKey = fileKey(file, 0);

        copyTruncateWithUnreadLines(sink, file, directory.resolve("access.log.1"));
        await().atMost(WAIT).until(() -> sink.events.size() >= 33);

        assertEachOnce(sink, lines("a", 0, 30) + lines("b", 0, 3));
        long gapOffset = lines("a", 0, 20).length();
        assertEquals(EventIds.of(SITE, originalKey, gapOffset), idOf(sink, "/a/00020"));
        assertEquals(EventIds.of(SITE, fileKey(file, 1), 0), idOf(sink, "/b/00000"));
    }

    /** copytruncate with a copy outside the glob: the copy is found next to the file and closes the gap. */
    @Test
    void copytruncateCopyOutsideGlobClosesGap() throws Exception {
        Path file = directory.resolve("access.log");
        append(file, lines("a", 0, 20));
        RecordingSink sink = new RecordingSink();
        start(sink);
        await().atMost(WAIT).until(() -> sink.events.size() == 20);
        String originalKey = fileKey(file, 0);

        copyTruncateWithUnreadLines(sink, file, directory.resolve("access.log.1"));
        await().atMost(WAIT).until(() -> sink.events.size() >= 33);

        assertEachOnce(sink, lines("a", 0, 30) + lines("b", 0, 3));
        assertEquals(EventIds.of(SITE, originalKey, lines("a", 0, 29).length()), idOf(sink, "/a/00029"));
    }

    /** Appends 10 lines that the failing broker keeps unread, copies the file, truncates it and writes 3 lines. */
    private static void copyTruncateWithUnreadLines(RecordingSink sink, Path file, Path copy) throws IOException {
        sink.failing.set(true);
        int failuresBefore = sink.failedSends.get();
        append(file, lines("a", 20, 30));
        await().atMost(WAIT).until(() -> sink.failedSends.get() > failuresBefore);
        Files.copy(file, copy);
        rewrite(file, lines("b", 0, 3));
        sink.failing.set(false);
    }

    @Test
    void truncatedWhileStoppedIsReadFromStart() throws Exception {
        Path file = directory.resolve("access.log");
        append(file, lines("a", 0, 20));
        RecordingSink first = new RecordingSink();
        Tailer tailer = start(first);
        await().atMost(WAIT).until(() -> first.events.size() == 20);
        stop(tailer);

        // The first line stays the same, so only the size shows the truncation.
        rewrite(file, lines("a", 0, 1) + lines("b", 0, 4));
        RecordingSink second = new RecordingSink();
        start(second);
        await().atMost(WAIT).until(() -> second.events.size() >= 5);

        assertEachOnce(second, lines("a", 0, 1) + lines("b", 0, 4));
        assertEquals(EventIds.of(SITE, fileKey(file, 1), 0), idOf(second, "/a/00000"));
        assertEquals(EventIds.of(SITE, fileKey(file, 1), line("a", 0).length()), idOf(second, "/b/00000"));
    }

    /** Rewritten past the old offset while stopped: only the fingerprint shows that the content is new. */
    @Test
    void rewrittenWhileStoppedIsReadFromStart() throws Exception {
        Path file = directory.resolve("access.log");
        append(file, lines("a", 0, 20));
        RecordingSink first = new RecordingSink();
        Tailer tailer = start(first);
        await().atMost(WAIT).until(() -> first.events.size() == 20);
        stop(tailer);

        rewrite(file, lines("b", 0, 25));
        RecordingSink second = new RecordingSink();
        start(second);
        await().atMost(WAIT).until(() -> second.events.size() >= 25);

        assertEachOnce(second, lines("b", 0, 25));
        assertEquals(EventIds.of(SITE, fileKey(file, 1), 0), idOf(second, "/b/00000"));
    }

    /** A rotation while the service is stopped: the old file is found by its inode and read to its end. */
    @Test
    void rotatedWhileStoppedIsReadToEnd() throws Exception {
        Path file = directory.resolve("access.log");
        append(file, lines("a", 0, 20));
        RecordingSink first = new RecordingSink();
        Tailer tailer = start(first);
        await().atMost(WAIT).until(() -> first.events.size() == 20);
        stop(tailer);
        String originalKey = fileKey(file, 0);

        append(file, lines("a", 20, 30));
        Files.move(file, directory.resolve("access.log.1"));
        append(file, lines("b", 0, 5));
        RecordingSink second = new RecordingSink();
        start(second);
        await().atMost(WAIT).until(() -> second.events.size() >= 15);

        assertEachOnce(second, lines("a", 20, 30) + lines("b", 0, 5));
        assertEquals(EventIds.of(SITE, originalKey, lines("a", 0, 20).length()), idOf(second, "/a/00020"));
    }

    /**
     * Delete and create again. The new file often gets the deleted file's inode. Its content is
     * longer than the old offset, so only the fingerprint shows that it is new.
     */
    @Test
    void deletedAndRecreatedFileIsReadFromStart() throws Exception {
        Path file = directory.resolve("access.log");
        append(file, lines("a", 0, 10));
        RecordingSink sink = new RecordingSink();
        start(sink);
        await().atMost(WAIT).until(() -> sink.events.size() == 10);

        String oldKey = fileKey(file, 0);
        Files.delete(file);
        append(file, lines("b", 0, 25));
        await().atMost(WAIT).until(() -> sink.events.size() >= 35);

        assertEachOnce(sink, lines("a", 0, 10) + lines("b", 0, 25));
        // A reused inode starts generation 1, and a new inode is a new file at generation 0.
        String newKey = fileKey(file, 0).equals(oldKey) ? fileKey(file, 1) : fileKey(file, 0);
        assertEquals(EventIds.of(SITE, newKey, 0), idOf(sink, "/b/00000"));
    }

    @Test
    void newFileMatchingGlobIsFollowed() throws Exception {
        append(directory.resolve("access.log"), lines("a", 0, 3));
        RecordingSink sink = new RecordingSink();
        start(sink);
        await().atMost(WAIT).until(() -> sink.events.size() == 3);

        Path other = directory.resolve("other.log");
        append(other, lines("o", 0, 4));
        await().atMost(WAIT).until(() -> sink.events.size() >= 7);

        assertEachOnce(sink, lines("a", 0, 3) + lines("o", 0, 4));
        assertEquals(EventIds.of(SITE, fileKey(other, 0), 0), idOf(sink, "/o/00000"));
    }

    @Test
    void compressedFileIsSkipped() throws Exception {
        Options options = new Options();
        options.pattern = directory.resolve("access.log*").toString();
        // A short idle time would make a tailer that reads the .gz as text publish its bytes soon.
        options.partialLineIdle = Duration.ofMillis(100);
        gzipText(directory.resolve("access.log.2.gz"), lines("gz", 0, 50));
        append(directory.resolve("access.log"), lines("a", 0, 3));
        RecordingSink sink = new RecordingSink();
        start(sink, options);
        await().atMost(WAIT).until(() -> sink.events.size() >= 3);

        append(directory.resolve("access.log"), lines("a", 3, 4));
        await().atMost(WAIT).until(() -> sink.events.size() >= 4);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> sink.rejected.isEmpty());
        assertEachOnce(sink, lines("a", 0, 4));
    }

    /**
     * Backfill reads access.log.3.gz, access.log.2.gz and access.log.1 once, oldest first, and
     * then the live file. A second start with backfill reads none of them again.
     */
    @Test
    void backfillReadsRotatedFilesOnceOldestFirst() throws Exception {
        Path file = directory.resolve("access.log");
        Instant now = Instant.now();
        gzipText(directory.resolve("access.log.3.gz"), lines("three", 0, 30));
        Files.setLastModifiedTime(directory.resolve("access.log.3.gz"), FileTime.from(now.minusSeconds(3 * 86400)));
        gzipText(directory.resolve("access.log.2.gz"), lines("two", 0, 20));
        Files.setLastModifiedTime(directory.resolve("access.log.2.gz"), FileTime.from(now.minusSeconds(2 * 86400)));
        append(directory.resolve("access.log.1"), lines("one", 0, 10));
        Files.setLastModifiedTime(directory.resolve("access.log.1"), FileTime.from(now.minusSeconds(86400)));
        append(file, lines("live", 0, 5));
        Options options = new Options();
        options.backfill = true;
        options.readSize = 7 * line("three", 0).length();
        RecordingSink first = new RecordingSink();
        Tailer tailer = start(first, options);
        await().atMost(WAIT).until(() -> first.events.size() >= 65);

        String all = lines("three", 0, 30) + lines("two", 0, 20) + lines("one", 0, 10) + lines("live", 0, 5);
        assertEachOnce(first, all);
        assertEquals(pathsOf(all), paths(first));
        assertEquals(EventIds.of(SITE, fileKey(directory.resolve("access.log.1"), 0), 0), idOf(first, "/one/00000"));
        await().atMost(WAIT).until(() -> checkpointOf(directory.resolve("access.log.1")) != null
                && checkpointOf(directory.resolve("access.log.1")).released());
        stop(tailer);

        append(file, lines("live", 5, 6));
        RecordingSink second = new RecordingSink();
        start(second, options);
        await().atMost(WAIT).until(() -> second.events.size() >= 1);
        append(file, lines("live", 6, 7));
        await().atMost(WAIT).until(() -> second.events.size() >= 2);
        assertEachOnce(second, lines("live", 5, 7));
    }

    /**
     * The service stops before it reads the last lines; then the file is rotated and compressed.
     * Backfill reads those lines from the .gz with the ids the live tailer would have used.
     */
    @Test
    void backfillContinuesCompressedFileWithLiveIds() throws Exception {
        Path file = directory.resolve("access.log");
        append(file, lines("a", 0, 10));
        RecordingSink first = new RecordingSink();
        Tailer tailer = start(first);
        await().atMost(WAIT).until(() -> first.events.size() == 10);
        stop(tailer);
        String originalKey = fileKey(file, 0);

        append(file, lines("a", 10, 15));
        Path rotated = directory.resolve("access.log.1");
        Files.move(file, rotated);
        gzip(rotated, directory.resolve("access.log.1.gz"));
        Files.delete(rotated);
        append(file, lines("b", 0, 3));
        Options options = new Options();
        options.backfill = true;
        RecordingSink second = new RecordingSink();
        start(second, options);
        await().atMost(WAIT).until(() -> second.events.size() >= 8);

        assertEachOnce(second, lines("a", 10, 15) + lines("b", 0, 3));
        assertEquals(EventIds.of(SITE, originalKey, lines("a", 0, 10).length()), idOf(second, "/a/00010"));
        assertTrue(checkpoints().backfilled().stream().allMatch(BackfilledFile::complete));
    }

    /** A last line without a line end is read after the idle time, once, and reading goes on after it. */
    @Test
    void partialLastLineIsReadOnceAfterIdle() throws Exception {
        Path file = directory.resolve("access.log");
        String last = line("a", 2);
        append(file, lines("a", 0, 2) + last.substring(0, last.length() - 1));
        Options options = new Options();
        options.partialLineIdle = Duration.ofMillis(200);
        RecordingSink sink = new RecordingSink();
        start(sink, options);
        await().atMost(WAIT).until(() -> sink.events.size() >= 3);

        append(file, "\n" + line("a", 3));
        await().atMost(WAIT).until(() -> sink.events.size() >= 4);

        assertEachOnce(sink, lines("a", 0, 4));
        assertTrue(sink.rejected.isEmpty(), "the completed line end was read as a line");
        List<LogEvent> events = new ArrayList<>(sink.events);
        assertEquals(last.substring(0, last.length() - 1), events.get(2).raw().text());
        assertEquals(lines("a", 0, 3).length(), events.get(3).offset());
    }

    /** The service stops after it read a last line without a line end. The line end written later is not a line. */
    @Test
    void partialLineMarkerSurvivesRestart() throws Exception {
        Path file = directory.resolve("access.log");
        String last = line("a", 2);
        append(file, lines("a", 0, 2) + last.substring(0, last.length() - 1));
        Options options = new Options();
        options.partialLineIdle = Duration.ofMillis(200);
        RecordingSink first = new RecordingSink();
        Tailer tailer = start(first, options);
        long partialEnd = Files.size(file);
        await().atMost(WAIT).until(() -> {
            Checkpoint checkpoint = checkpointOf(file);
            return checkpoint != null && Long.valueOf(partialEnd).equals(checkpoint.partialLineEnd());
        });
        stop(tailer);
        assertEquals(3, first.events.size());

        append(file, "\n" + line("a", 3));
        RecordingSink second = new RecordingSink();
        start(second, options);
        long end = Files.size(file);
        await().atMost(WAIT).until(() -> checkpointOf(file).offset() == end);

        assertTrue(second.rejected.isEmpty(), "the completed line end was read as a line");
        assertEquals(pathsOf(line("a", 3)), paths(second));
        assertEquals(partialEnd + 1, second.events.peek().offset());
        assertNull(checkpointOf(file).partialLineEnd());
    }

    /** The service stops in the middle of an over-long line. The next run skips on and rejects it only once. */
    @Test
    void longLineSkipSurvivesRestart() throws Exception {
        Path file = directory.resolve("access.log");
        String head = "10.0.0.1 " + "x".repeat(1491);
        append(file, line("a", 0) + head);
        Options options = new Options();
        options.readSize = 256;
        options.maxLineLength = 1000;
        RecordingSink first = new RecordingSink();
        Tailer tailer = start(first, options);
        long written = Files.size(file);
        await().atMost(WAIT).until(() -> {
            Checkpoint checkpoint = checkpointOf(file);
            return checkpoint != null && Long.valueOf(written).equals(checkpoint.skipPosition());
        });
        stop(tailer);
        assertEquals(1, first.rejected.size());
        assertEquals(line("a", 0).length(), first.rejected.peek().offset());

        append(file, "x".repeat(500) + "\n" + line("a", 1));
        RecordingSink second = new RecordingSink();
        start(second, options);
        long end = Files.size(file);
        await().atMost(WAIT).until(() -> checkpointOf(file).offset() == end);

        assertTrue(second.rejected.isEmpty(), "the over-long line was rejected again");
        assertEquals(pathsOf(line("a", 1)), paths(second));
        assertEquals(written + 501, second.events.peek().offset());
        assertNull(checkpointOf(file).skipPosition());
    }

    /**
     * Truncated while an over-long line is skipped, to a size between the offset and the skip
     * position, with the same first line: only the skip position shows the truncation.
     */
    @Test
    void truncatedDuringLongLineSkipIsReadFromStart() throws Exception {
        Path file = directory.resolve("access.log");
        append(file, line("a", 0) + "10.0.0.1 " + "x".repeat(1491));
        Options options = new Options();
        options.readSize = 256;
        options.maxLineLength = 1000;
        RecordingSink sink = new RecordingSink();
        start(sink, options);
        long written = Files.size(file);
        await().atMost(WAIT).until(() -> {
            Checkpoint checkpoint = checkpointOf(file);
            return checkpoint != null && Long.valueOf(written).equals(checkpoint.skipPosition());
        });

        String rewritten = line("a", 0) + lines("b", 0, 3);
        assertTrue(rewritten.length() > line("a", 0).length(), "the rewrite must be longer than its first line");
        assertTrue(rewritten.length() < written, "the rewrite must be shorter than the skip position");
        rewrite(file, rewritten);
        await().atMost(WAIT).until(() -> sink.events.size() >= 5);

        assertEquals(List.of("/a/00000", "/a/00000", "/b/00000", "/b/00001", "/b/00002"), paths(sink));
        assertEquals(EventIds.of(SITE, fileKey(file, 1), 0), new ArrayList<>(sink.events).get(1).id());
        assertEquals(1, sink.rejected.size());
    }

    @Test
    void crlfLinesAndPartialLine() throws Exception {
        Path file = directory.resolve("access.log");
        String first = line("a", 0).replace("\n", "\r\n");
        String partial = line("a", 1);
        append(file, first + partial.substring(0, 20));
        RecordingSink sink = new RecordingSink();
        start(sink);
        await().atMost(WAIT).until(() -> sink.events.size() == 1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> sink.events.size() == 1);

        append(file, partial.substring(20));
        await().atMost(WAIT).until(() -> sink.events.size() == 2);

        List<LogEvent> events = new ArrayList<>(sink.events);
        assertEquals(first.substring(0, first.length() - 2), events.get(0).raw().text());
        assertEquals(partial.substring(0, partial.length() - 1), events.get(1).raw().text());
        assertEquals(first.length(), events.get(1).offset());
    }

    @Test
    void carriageReturnOnlyLinesAreSplit() throws Exception {
        Path file = directory.resolve("access.log");
        String crOnly = line("a", 0).replace("\n", "\r") + line("a", 1).replace("\n", "\r");
        String mixed = line("a", 2).replace("\n", "\r\n") + line("a", 3);
        append(file, crOnly + mixed);
        RecordingSink sink = new RecordingSink();
        start(sink);
        await().atMost(WAIT).until(() -> sink.events.size() >= 4);

        assertEachOnce(sink, lines("a", 0, 4));
        List<LogEvent> events = new ArrayList<>(sink.events);
        assertEquals(line("a", 0).length(), events.get(1).offset());
        assertEquals(crOnly.length(), events.get(2).offset());
        assertEquals(crOnly.length() + line("a", 2).length() + 1, events.get(3).offset());
        assertEquals(line("a", 1).strip(), events.get(1).raw().text());
        assertTrue(sink.rejected.isEmpty());
    }

    /**
     * read-size is 256 bytes. A 600-byte line spans three reads and is within the maximum line
     * length. A 3,000-byte line is longer and is rejected. The lines after both keep their offsets.
     */
    @Test
    void longLineSpanningReadsIsReadOrRejected() throws Exception {
        Path file = directory.resolve("access.log");
        String longPath = "/long/" + "p".repeat(560);
        String accepted = line("a", 0).replace("/a/00000", longPath);
        String tooLong = "10.0.0.1 " + "x".repeat(3000) + "\n";
        append(file, accepted + tooLong + line("a", 1));
        Options options = new Options();
        options.readSize = 256;
        options.maxLineLength = 1000;
        RecordingSink sink = new RecordingSink();
        start(sink, options);
        await().atMost(WAIT).until(() -> sink.events.size() >= 2 && sink.rejected.size() >= 1);

        List<LogEvent> events = new ArrayList<>(sink.events);
        assertEquals(2, events.size());
        assertEquals(longPath, events.get(0).path());
        assertEquals(accepted.length() + tooLong.length(), events.get(1).offset());
        assertEquals(1, sink.rejected.size());
        RejectedLine rejected = sink.rejected.peek();
        assertEquals(accepted.length(), rejected.offset());
        assertTrue(rejected.reason().startsWith("line longer than 1000 bytes"), rejected.reason());
        assertTrue(rejected.raw().text().startsWith("10.0.0.1 xxx"), rejected.raw().text());
        assertTrue(rejected.raw().text().length() <= ChunkConverter.LONG_LINE_KEPT_BYTES);
        assertTrue(rejected.reason().endsWith("raw contains its first " + rejected.raw().text().length() + " bytes"),
                rejected.reason());
    }

    @Test
    void invalidUtf8BytesAreKeptInRawLine() throws Exception {
        Path file = directory.resolve("access.log");
        byte[] line = line("a", 0).replace("\"-\"\n", "\"agent-\u0000\"\n").getBytes(StandardCharsets.UTF_8);
        int marker = new String(line, StandardCharsets.UTF_8).indexOf('\u0000');
        line[marker] = (byte) 0xff;
        appendBytes(file, line);
        RecordingSink sink = new RecordingSink();
        start(sink);
        await().atMost(WAIT).until(() -> sink.events.size() + sink.rejected.size() >= 1);

        assertEquals(1, sink.events.size(), "parsed events");
        assertTrue(sink.rejected.isEmpty(), "rejected lines");
        LogEvent event = sink.events.peek();
        byte[] expected = java.util.Arrays.copyOf(line, line.length - 1);
        assertArrayEquals(expected, event.raw().bytes());
        assertNull(event.raw().text());
    }
}
