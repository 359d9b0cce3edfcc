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
    private final ChunkConverter converter;
    private final BatchSink sink;
    private final IngestMetrics metrics;
    private final RejectedLineLog rejectedLog;

    FileStep(Vertx vertx, int readSize, ChunkConverter converter, BatchSink sink, IngestMetrics metrics,
            RejectedLineLog rejectedLog) {
        this.vertx = vertx;
        this.readSize = readSize;
        this.converter = converter;
        this.sink = sink;
        this.metrics = metrics;
        this.rejectedLog = rejectedLog;
    }

    /** Runs one step and returns whether the file has more bytes to read right away. */
    Uni<Boolean> run(FileState state) {
        return vertx.fileSystem().open(state.path, READ_ONLY)
                .onItem().transformToUni(file -> runOpen(state, file)
                        .onTermination().call(() -> file.close().onFailure().recoverWithNull()));
    }

    private Uni<Boolean> runOpen(FileState state, AsyncFile file) {
        return detectReplacement(state, file).onItem().transformToUni(ignored -> {
            long position = state.skipPosition >= 0 ? state.skipPosition : state.offset;
            long available = state.size - position;
            if (available <= 0) {
                return Uni.createFrom().item(false);
            }
            int length = (int) Math.min(readSize, available);
            return file.read(Buffer.buffer(length), 0, position, length)
                    .onItem().transformToUni(buffer -> firstLineUnchanged(state, file)
                            .onItem().transformToUni(unchanged -> {
                                if (!unchanged) {
                                    // The bytes may belong to the new content at the old offset: drop them.
                                    replaced(state, "its first line changed while it was read");
                                    return Uni.createFrom().item(true);
                                }
                                byte[] bytes = buffer.getBytes();
                                return state.skipPosition >= 0
                                        ? Uni.createFrom().item(skipLongLine(state, bytes, length))
                                        : publish(state, bytes);
                            }));
        });
    }

    /**
     * Starts a new generation when the file is shorter than the published offset, or when its
     * first line differs from the fingerprint. The second check catches a file that was
     * truncated and written again past the old offset, or to exactly the old size, between polls.
     */
    private Uni<Void> detectReplacement(FileState state, AsyncFile file) {
        if (state.size < state.offset) {
            replaced(state, "its size " + state.size + " is below the published offset " + state.offset);
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
        state.replaceContent();
        metrics.contentReplaced(state.site);
        IngestLog.LOG.contentReplaced(state.path, state.site, cause, state.fileKey());
    }

    private Uni<Boolean> publish(FileState state, byte[] bytes) {
        String site = state.site;
        String path = state.path;
        String fileKey = state.fileKey();
        long base = state.offset;
        return vertx.executeBlocking(Uni.createFrom().item(() -> converter.convert(site, path, fileKey, base, bytes)))
                .onItem().transformToUni(chunk -> {
                    if (chunk.consumed() > 0) {
                        return send(state, chunk)
                                .invoke(() -> advance(state, base, bytes, chunk))
                                .replaceWith(() -> state.offset < state.size);
                    }
                    if (bytes.length < readSize) {
                        // A partial last line waits for its line end.
                        return Uni.createFrom().item(false);
                    }
                    Chunk rejection = converter.rejectLongLine(site, path, fileKey, base, bytes, readSize);
                    return send(state, rejection)
                            .invoke(() -> state.skipPosition = base + bytes.length)
                            .replaceWith(true);
                });
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

    /** Moves past the rest of an over-long line; returns whether more bytes can be read at once. */
    private static boolean skipLongLine(FileState state, byte[] bytes, int requested) {
        int end = LineSplitter.firstLineEnd(bytes, bytes.length);
        if (end >= 0) {
            state.offset = state.skipPosition + end + 1;
            state.skipPosition = -1;
            return true;
        }
        state.skipPosition += bytes.length;
        return bytes.length == requested;
    }
}
