package org.logtally.ingest.tail;

import org.logtally.event.Addresses;
import org.logtally.ingest.IngestLog;
import org.logtally.ingest.metrics.IngestMetrics;
import org.logtally.ingest.publish.BatchSink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Reads the rotated files next to each followed file once, oldest first. An uncompressed rotated
 * file becomes a rotated {@link FileState}, which the polls read like a file renamed by
 * rotation, so its ids are those the tailer gives that content anyway. A compressed file is
 * decompressed here: its first line maps it to content read before, whose file key and offset
 * it continues, and otherwise its file key is {@code first-line:<fingerprint>}. All methods
 * block; {@link #run()} runs on its own thread while no poll runs.
 */
final class Backfill {

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

    private final TailSettings settings;
    private final FileScanner scanner;
    private final ChunkConverter converter;
    private final BatchSink sink;
    private final IngestMetrics metrics;
    private final Map<String, FileState> states;
    private final ContentOrigins origins;
    private final BooleanSupplier stopping;
    private final Runnable checkpoint;
    /** Compressed files by site and fingerprint. */
    private final Map<String, BackfilledFile> files = new LinkedHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();

    Backfill(TailSettings settings, FileScanner scanner, ChunkConverter converter, BatchSink sink,
            IngestMetrics metrics, Map<String, FileState> states, ContentOrigins origins, BooleanSupplier stopping,
            Runnable checkpoint) {
        this.settings = settings;
        this.scanner = scanner;
        this.converter = converter;
        this.sink = sink;
        this.metrics = metrics;
        this.states = states;
        this.origins = origins;
        this.stopping = stopping;
        this.checkpoint = checkpoint;
    }

    void restore(List<BackfilledFile> stored) {
        for (BackfilledFile file : stored) {
            files.put(key(file.site(), file.fingerprint()), file);
        }
    }

    List<BackfilledFile> completed() {
        return List.copyOf(files.values());
    }

    /** Backfills the rotated files of every followed file. */
    void run() {
        List<ScannedFile> live = scanner.scan();
        Set<String> liveIdentities = new HashSet<>();
        Set<String> followed = new HashSet<>();
        for (ScannedFile file : live) {
            String identity = FileState.identity(file.site(), file.device(), file.inode());
            liveIdentities.add(identity);
            if (stillHoldsItsContent(file, states.get(identity))) {
                followed.add(identity);
            }
        }
        Map<ScannedFile, List<RotatedFiles.Sibling>> work = new LinkedHashMap<>();
        for (ScannedFile file : live) {
            try {
                List<RotatedFiles.Sibling> siblings = new ArrayList<>();
                for (RotatedFiles.Sibling sibling : RotatedFiles.siblings(Path.of(file.path()),
                        settings.rotatedDirs(file.site()))) {
                    // A rotated file that a configured path matches is read by the polls.
                    if (!liveIdentities.contains(FileState.identity(file.site(), sibling.device(), sibling.inode()))) {
                        siblings.add(sibling);
                    }
                }
                work.put(file, siblings);
                pending.addAndGet(siblings.size());
            } catch (IOException e) {
                IngestLog.LOG.pathListFailed(file.path(), file.site(), e);
            }
        }
        metrics.trackBackfillPending(pending);
        IngestLog.LOG.backfillStarted(pending.get());
        for (Map.Entry<ScannedFile, List<RotatedFiles.Sibling>> entry : work.entrySet()) {
            for (RotatedFiles.Sibling sibling : entry.getValue()) {
                if (!sibling.compressed()) {
                    followed.add(FileState.identity(entry.getKey().site(), sibling.device(), sibling.inode()));
                }
            }
        }
        for (Map.Entry<ScannedFile, List<RotatedFiles.Sibling>> entry : work.entrySet()) {
            for (RotatedFiles.Sibling sibling : entry.getValue()) {
                if (stopping.getAsBoolean()) {
                    return;
                }
                String site = entry.getKey().site();
                try {
                    if (sibling.compressed()) {
                        readCompressed(site, sibling.path(), followed);
                    } else {
                        followUncompressed(site, sibling);
                    }
                } catch (IOException e) {
                    IngestLog.LOG.backfillFileFailed(sibling.path().toString(), site, e);
                }
                pending.decrementAndGet();
            }
        }
        IngestLog.LOG.backfillFinished();
    }

    /**
     * Returns whether the followed file still starts with the line its state read, so content
     * with that first line is followed there. A reused inode with new content does not.
     */
    private static boolean stillHoldsItsContent(ScannedFile file, FileState state) {
        if (state == null || state.fingerprint == null) {
            return true;
        }
        try {
            byte[] start = RotatedFiles.readStart(Path.of(file.path()), state.fingerprintLength);
            return start.length == state.fingerprintLength
                    && Fingerprint.of(start, start.length).equals(state.fingerprint);
        } catch (IOException e) {
            return true;
        }
    }

    /** Hands an uncompressed rotated file to the polls, which read it to its end and then release it. */
    private void followUncompressed(String site, RotatedFiles.Sibling sibling) {
        String identity = FileState.identity(site, sibling.device(), sibling.inode());
        FileState state = states.get(identity);
        if (state == null) {
            state = new FileState(site, sibling.device(), sibling.inode(), sibling.path().toString(), 0);
            states.put(identity, state);
        } else if (!state.released) {
            return;
        }
        state.path = sibling.path().toString();
        state.released = false;
        state.rotated = true;
        IngestLog.LOG.backfillFileQueued(state.path, site, state.offset);
    }

    private void readCompressed(String site, Path path, Set<String> followed) throws IOException {
        int probeLength = settings.maxLineLength() + 2;
        byte[] start = RotatedFiles.readStart(path, probeLength);
        int firstLineEnd = LineSplitter.firstLineEnd(start, start.length);
        if (firstLineEnd <= 0) {
            // NOTE: a compressed file whose first line is longer than the maximum has no fingerprint and is skipped.
            IngestLog.LOG.backfillFileSkipped(path.toString(), site, "it has no complete first line within "
                    + settings.maxLineLength() + " bytes");
            return;
        }
        String fingerprint = Fingerprint.of(start, firstLineEnd);
        BackfilledFile file = files.get(key(site, fingerprint));
        if (file != null && file.complete()) {
            return;
        }
        FileState source = null;
        if (file == null) {
            FileState probe = new FileState(site, -1, -1, path.toString(), 0);
            ContentOrigins.Origin origin = origins.find(probe, fingerprint, firstLineEnd, followed);
            if (origin instanceof ContentOrigins.CopyOfFollowed) {
                IngestLog.LOG.backfillFileSkipped(path.toString(), site, "it is a copy of a followed file");
                return;
            }
            String fileKey = "first-line:" + fingerprint;
            long offset = 0;
            if (origin instanceof ContentOrigins.Known known) {
                fileKey = known.fileKey();
                offset = known.offset();
                source = known.state();
            }
            file = new BackfilledFile(site, path.toString(), fileKey, fingerprint, firstLineEnd, offset, false);
        }
        long end = readFrom(file, path);
        if (source != null && end >= 0) {
            // The file that read this content is gone, and its lines up to the end are now settled.
            source.offset = Math.max(source.offset, end);
            source.released = true;
        }
    }

    /**
     * Reads the decompressed content from the file's offset to its end, publishing each chunk.
     *
     * @return the decompressed length, or -1 when stopping interrupted the read
     */
    private long readFrom(BackfilledFile file, Path path) throws IOException {
        String site = file.site();
        String fileKey = file.fileKey();
        long base = file.offset();
        IngestLog.LOG.backfillFileStarted(path.toString(), site, fileKey, base);
        Progress progress = new Progress(path.toString(), site);
        try (InputStream in = RotatedFiles.open(path)) {
            in.skipNBytes(base);
            byte[] carry = new byte[0];
            boolean skipping = false;
            boolean endOfInput = false;
            while (!endOfInput) {
                if (stopping.getAsBoolean()) {
                    return -1;
                }
                byte[] read = in.readNBytes(settings.readSize());
                endOfInput = read.length == 0;
                byte[] bytes = concat(carry, read);
                progress.bytes(read.length);
                if (skipping) {
                    int end = LineSplitter.firstLineEnd(bytes, bytes.length);
                    if (end < 0 && !endOfInput) {
                        base += bytes.length;
                        carry = new byte[0];
                        continue;
                    }
                    base += end < 0 ? bytes.length : end;
                    bytes = end < 0 ? new byte[0] : Arrays.copyOfRange(bytes, end, bytes.length);
                    skipping = false;
                }
                Chunk chunk = converter.convert(site, file.path(), fileKey, base, bytes, endOfInput);
                if (chunk.consumed() == 0 && bytes.length >= settings.maxLineLength() + 2) {
                    chunk = converter.rejectLongLine(site, file.path(), fileKey, base, bytes);
                    send(chunk, site);
                    base += bytes.length;
                    carry = new byte[0];
                    skipping = true;
                    continue;
                }
                send(chunk, site);
                progress.lines(chunk.lines());
                base += chunk.consumed();
                carry = Arrays.copyOfRange(bytes, chunk.consumed(), bytes.length);
                file = new BackfilledFile(site, file.path(), fileKey, file.fingerprint(), file.fingerprintLength(),
                        base, endOfInput);
                files.put(key(site, file.fingerprint()), file);
                checkpoint.run();
                progress.logIfDue(false);
            }
        }
        progress.logIfDue(true);
        return base;
    }

    /** Sends one chunk and waits until the broker settles it, retrying with a growing delay. */
    private void send(Chunk chunk, String site) {
        Duration delay = settings.pollInterval();
        while (!stopping.getAsBoolean()) {
            try {
                sink.send(chunk.eventBodies(), chunk.rejectedBodies()).await().indefinitely();
                metrics.linesRead(site, chunk.lines());
                metrics.linesParsed(site, chunk.events());
                metrics.linesPublished(site, Addresses.EVENTS, chunk.events());
                metrics.linesPublished(site, Addresses.REJECTED, chunk.rejections().size());
                for (Chunk.Rejection rejection : chunk.rejections()) {
                    metrics.lineRejected(site, rejection.category());
                }
                return;
            } catch (RuntimeException e) {
                metrics.publishFailed(site);
                IngestLog.LOG.backfillPublishFailed(site, delay, e);
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("backfill interrupted", interrupted);
                }
                delay = delay.multipliedBy(2).compareTo(settings.maxRetryDelay()) > 0
                        ? settings.maxRetryDelay() : delay.multipliedBy(2);
            }
        }
        throw new IllegalStateException("backfill stopped before the broker settled the lines");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        if (first.length == 0) {
            return second;
        }
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    private static String key(String site, String fingerprint) {
        return site + '\u0000' + fingerprint;
    }

    /** Counts the bytes and lines of one file, and logs progress once per interval and at the end. */
    private final class Progress {
        private final String path;
        private final String site;
        private final long startedAt = System.nanoTime();
        private long lastLogged = startedAt;
        private long bytes;
        private long lines;

        Progress(String path, String site) {
            this.path = path;
            this.site = site;
        }

        void bytes(int count) {
            bytes += count;
            metrics.backfillBytes(site, count);
        }

        void lines(int count) {
            lines += count;
            metrics.backfillLines(site, count);
        }

        void logIfDue(boolean finished) {
            long now = System.nanoTime();
            if (!finished && now - lastLogged < PROGRESS_INTERVAL.toNanos()) {
                return;
            }
            lastLogged = now;
            double seconds = Math.max(1e-3, (now - startedAt) / 1e9);
            IngestLog.LOG.backfillProgress(path, site, bytes, lines, Math.round(lines / seconds), finished);
        }
    }
}
