package org.logtally.ingest.tail;

import io.smallrye.mutiny.Uni;
import io.vertx.core.file.OpenOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.file.AsyncFile;
import org.logtally.event.Addresses;
import org.logtally.ingest.IngestLog;
import org.logtally.ingest.metrics.IngestMetrics;
import org.logtally.ingest.metrics.RejectedLineLog;
import org.logtally.ingest.publish.BatchSink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One step on one file: check that the content was not replaced, read up to read-size bytes
 * from the published offset, publish the complete lines and wait until the broker settles them,
 * then advance the offset. File bytes are read with a Vert.x {@link AsyncFile}, and parsing and
 * encoding run on a worker thread, so the event loop makes no blocking call.
 */
final class FileStep {

    private static final OpenOptions READ_ONLY = new OpenOptions().setRead(true).setWrite(false).setCreate(false);

    private final Vertx vertx;
    private final int readSize;
    private final int maxLineLength;
    private final long partialLineIdleNanos;
    private final ChunkConverter converter;
    private final BatchSink sink;
    private final IngestMetrics metrics;
    private final RejectedLineLog rejectedLog;
    private final ContentOrigins origins;

    FileStep(Vertx vertx, TailSettings settings, ChunkConverter converter, BatchSink sink, IngestMetrics metrics,
            RejectedLineLog rejectedLog, ContentOrigins origins) {
        this.vertx = vertx;
        this.readSize = settings.readSize();
        this.maxLineLength = settings.maxLineLength();
        this.partialLineIdleNanos = settings.partialLineIdle().toNanos();
        this.converter = converter;
        this.sink = sink;
        this.metrics = metrics;
        this.rejectedLog = rejectedLog;
        this.origins = origins;
    }

    /**
     * Runs one step and returns whether the file has more bytes to read right away.
     *
     * @param now {@link System#nanoTime()} at the start of the poll, for the partial-line idle time
     */
    Uni<Boolean> run(FileState state, long now) {
        return vertx.fileSystem().open(state.path, READ_ONLY)
                .onItem().transformToUni(file -> sameIdentity(state)
                        .onItem().transformToUni(same -> same ? runOpen(state, file, now) : Uni.createFrom().item(true))
                        .onTermination().call(() -> file.close().onFailure().recoverWithNull()));
    }

    /**
     * Checks, after the open, that the path still names the file of this state. A rotation
     * between the scan and the open would otherwise let the step read the new file as the old
     * one. When the check fails, the next scan finds both files again.
     */
    private Uni<Boolean> sameIdentity(FileState state) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                Map<String, Object> attributes = Files.readAttributes(Path.of(state.path), "unix:dev,ino");
                return (Long) attributes.get("dev") == state.device && (Long) attributes.get("ino") == state.inode;
            } catch (IOException e) {
                return false;
            }
        }));
    }

    private Uni<Boolean> runOpen(FileState state, AsyncFile file, long now) {
        return detectReplacement(state, file).onItem().transformToUni(ignored -> {
            long position = state.skipPosition >= 0 ? state.skipPosition : state.offset;
            long available = state.size - position;
            if (available <= 0) {
                return Uni.createFrom().item(false);
            }
            return read(state, file, position, (int) Math.min(readSize, available), available, now);
        });
    }

    private Uni<Boolean> read(FileState state, AsyncFile file, long position, int length, long available, long now) {
        return file.read(Buffer.buffer(length), 0, position, length)
                .onItem().transformToUni(buffer -> firstLineUnchanged(state, file)
                        .onItem().transformToUni(unchanged -> {
                            if (!unchanged) {
                                // The bytes may belong to the new content at the old offset: drop them.
                                replaced(state, "its first line changed while it was read");
                                return Uni.createFrom().item(true);
                            }
                            byte[] bytes = buffer.getBytes();
                            if (state.skipPosition >= 0) {
                                return Uni.createFrom().item(skipLongLine(state, bytes, available, idle(state, now)));
                            }
                            if (state.offset == 0 && state.fingerprint == null) {
                                return checkOrigin(state, file, bytes, available, now);
                            }
                            return publish(state, file, bytes, available, now);
                        }));
    }

    /**
     * Starts a new generation when the file is shorter than the published offset or than the
     * position up to which an over-long line was skipped, or when its first line differs from
     * the fingerprint. The second check catches a file that was
     * truncated and written again past the old offset, or to exactly the old size, between polls.
     */
    private Uni<Void> detectReplacement(FileState state, AsyncFile file) {
        if (state.size < state.offset) {
            replaced(state, "its size " + state.size + " is below the published offset " + state.offset);
            return Uni.createFrom().voidItem();
        }
        if (state.size < state.skipPosition) {
            replaced(state, "its size " + state.size + " is below the position " + state.skipPosition
                    + " up to which an over-long line was skipped");
            return Uni.createFrom().voidItem();
        }
        return firstLineUnchanged(state, file)
                .invoke(unchanged -> {
                    if (!unchanged) {
                        replaced(state, "its first line no longer matches the fingerprint");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Boolean> firstLineUnchanged(FileState state, AsyncFile file) {
        String expected = state.fingerprint;
        int length = state.fingerprintLength;
        if (expected == null) {
            return Uni.createFrom().item(true);
        }
        return file.read(Buffer.buffer(length), 0, 0, length)
                .map(first -> first.length() == length && Fingerprint.of(first.getBytes(), length).equals(expected));
    }

    private void replaced(FileState state, String cause) {
        String oldKey = state.fileKey();
        EndedGeneration ended = state.replaceContent();
        if (ended != null) {
            origins.add(ended);
        }
        metrics.contentReplaced(state.site);
        IngestLog.LOG.contentReplaced(state.path, state.site, cause, oldKey, state.fileKey());
    }

    /**
     * Compares the first line of new content with the content read before. A copy of known
     * content goes on from where that content was read, under its file key. A copy of a file
     * that is still followed waits, because the copy's bytes are read from the original.
     */
    private Uni<Boolean> checkOrigin(FileState state, AsyncFile file, byte[] bytes, long available, long now) {
        int firstLineEnd = LineSplitter.firstLineEnd(bytes, bytes.length);
        if (firstLineEnd <= 0) {
            return publish(state, file, bytes, available, now);
        }
        String fingerprint = Fingerprint.of(bytes, firstLineEnd);
        ContentOrigins.Origin origin = origins.find(state, fingerprint, firstLineEnd);
        if (origin instanceof ContentOrigins.Known known) {
            state.contentKey = known.fileKey();
            state.fingerprint = fingerprint;
            state.fingerprintLength = firstLineEnd;
            state.offset = Math.min(known.offset(), state.size);
            metrics.copyRecognised(state.site);
            IngestLog.LOG.copyRecognised(state.path, state.site, known.fileKey(), state.offset);
            return Uni.createFrom().item(true);
        }
        if (origin instanceof ContentOrigins.CopyOfFollowed copy) {
            if (!state.announcedCopy) {
                IngestLog.LOG.copyWaits(state.path, state.site, copy.original().path);
                state.announcedCopy = true;
            }
            return Uni.createFrom().item(false);
        }
        return publish(state, file, bytes, available, now);
    }

    private Uni<Boolean> publish(FileState state, AsyncFile file, byte[] bytes, long available, long now) {
        if (state.partialLineEnd == state.offset) {
            int terminator = leadingLineEnd(bytes, idle(state, now));
            if (terminator < 0) {
                return Uni.createFrom().item(false);
            }
            state.partialLineEnd = -1;
            if (terminator > 0) {
                // The writer completed the line that was read without its line end.
                state.offset += terminator;
                return Uni.createFrom().item(true);
            }
        }
        String site = state.site;
        String path = state.path;
        String fileKey = state.fileKey();
        long base = state.offset;
        return convert(site, path, fileKey, base, bytes, false).onItem().transformToUni(chunk -> {
            if (chunk.consumed() > 0) {
                return send(state, chunk)
                        .invoke(() -> advance(state, base, bytes, chunk))
                        .replaceWith(() -> state.offset < state.size);
            }
            // No line end in the bytes read.
            if (bytes.length >= maxLineLength + 2) {
                // Even with a CRLF line end after them, these bytes are longer than the maximum.
                Chunk rejection = converter.rejectLongLine(site, path, fileKey, base, bytes);
                return send(state, rejection)
                        .invoke(() -> state.skipPosition = base + bytes.length)
                        .replaceWith(true);
            }
            if (bytes.length < available) {
                // The line is longer than read-size but may be within the maximum: read enough to decide.
                int length = (int) Math.min(available, maxLineLength + 2L);
                return read(state, file, base, length, available, now);
            }
            if (!idle(state, now)) {
                // A partial last line waits for its line end.
                return Uni.createFrom().item(false);
            }
            return convert(site, path, fileKey, base, bytes, true).onItem().transformToUni(flushed -> send(state, flushed)
                    .invoke(() -> {
                        advance(state, base, bytes, flushed);
                        state.partialLineEnd = state.offset;
                        metrics.partialLineRead(site);
                        IngestLog.LOG.partialLineRead(path, site, base, bytes.length);
                    })
                    .replaceWith(false));
        });
    }

    private Uni<Chunk> convert(String site, String path, String fileKey, long base, byte[] bytes, boolean endOfInput) {
        return vertx.executeBlocking(Uni.createFrom().item(
                () -> converter.convert(site, path, fileKey, base, bytes, endOfInput)));
    }

    /**
     * Returns the length of the line end at the start of {@code bytes}: 0 when there is none, and
     * -1 when a lone {@code \r} waits for the next byte.
     */
    private static int leadingLineEnd(byte[] bytes, boolean idle) {
        if (bytes[0] == '\n') {
            return 1;
        }
        if (bytes[0] != '\r') {
            return 0;
        }
        if (bytes.length > 1) {
            return bytes[1] == '\n' ? 2 : 1;
        }
        return idle ? 1 : -1;
    }

    private boolean idle(FileState state, long now) {
        return now - state.changedAt >= partialLineIdleNanos;
    }

    private Uni<Void> send(FileState state, Chunk chunk) {
        return sink.send(chunk.eventBodies(), chunk.rejectedBodies())
                .onFailure().transform(PublishException::new)
                .invoke(() -> record(state, chunk));
    }

    /** Counts and logs the lines of a chunk once the broker has settled them, so a retry does not count twice. */
    private void record(FileState state, Chunk chunk) {
        metrics.linesRead(state.site, chunk.lines());
        metrics.linesParsed(state.site, chunk.events());
        metrics.linesPublished(state.site, Addresses.EVENTS, chunk.events());
        metrics.linesPublished(state.site, Addresses.REJECTED, chunk.rejections().size());
        for (Chunk.Rejection rejection : chunk.rejections()) {
            metrics.lineRejected(state.site, rejection.category());
            rejectedLog.record(state.site, state.path, rejection.line().offset(), rejection.line().reason());
        }
    }

    private static void advance(FileState state, long base, byte[] bytes, Chunk chunk) {
        if (base == 0 && state.fingerprint == null && chunk.firstLineLength() > 0) {
            state.fingerprint = Fingerprint.of(bytes, chunk.firstLineLength());
            state.fingerprintLength = chunk.firstLineLength();
        }
        state.offset = base + chunk.consumed();
    }

    /**
     * Moves past the rest of an over-long line and returns whether more bytes can be read at
     * once. When the file ends inside the line and has been idle, the line ends with the file.
     */
    private static boolean skipLongLine(FileState state, byte[] bytes, long available, boolean idle) {
        int end = LineSplitter.firstLineEnd(bytes, bytes.length);
        if (end >= 0) {
            state.offset = state.skipPosition + end;
            state.skipPosition = -1;
            return true;
        }
        boolean atEnd = bytes.length == available;
        if (atEnd && idle) {
            state.offset = state.skipPosition + bytes.length;
            state.skipPosition = -1;
            return false;
        }
        // A trailing \r may be the first half of \r\n, so it is read again with the next byte.
        int skipped = bytes.length > 1 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        state.skipPosition += skipped;
        return !atEnd;
    }
}
