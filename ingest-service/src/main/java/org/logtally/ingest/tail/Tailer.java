package org.logtally.ingest.tail;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.core.Vertx;
import org.logtally.ingest.IngestLog;
import org.logtally.ingest.metrics.IngestMetrics;
import org.logtally.ingest.metrics.RejectedLineLog;
import org.logtally.ingest.parse.SiteParsers;
import org.logtally.ingest.publish.BatchEncoder;
import org.logtally.ingest.publish.BatchSink;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Follows the configured files. A Vert.x timer starts each poll, and the next timer is set only
 * when the poll has finished, so two polls never overlap. A poll lists the files on a worker,
 * then runs one {@link FileStep} per file in turn. After a step that moved an offset or started
 * a generation, the checkpoints are written on a worker. The next poll starts at once when a
 * file has more bytes, after the poll interval when all are read, and after a growing delay
 * when a step failed.
 */
public final class Tailer {

    private final Vertx vertx;
    private final TailSettings settings;
    private final FileScanner scanner;
    private final CheckpointStore store;
    private final FileStep step;
    private final IngestMetrics metrics;
    /** States by {@link FileState#identity()}; only the poll in progress reads or changes them. */
    private final Map<String, FileState> states = new LinkedHashMap<>();
    private final CompletableFuture<Void> idle = new CompletableFuture<>();
    private Context context;
    private volatile boolean stopping;
    private boolean polling;
    private long timerId = -1;
    private int consecutiveFailures;

    /** Creates a tailer that reads every site in the combined format. */
    public Tailer(Vertx vertx, TailSettings settings, BatchSink sink, IngestMetrics metrics) {
        this(vertx, settings, SiteParsers.combined(), sink, metrics);
    }

    public Tailer(Vertx vertx, TailSettings settings, SiteParsers parsers, BatchSink sink, IngestMetrics metrics) {
        this.vertx = vertx;
        this.settings = settings;
        this.scanner = new FileScanner(settings.pathsBySite());
        this.store = new CheckpointStore(settings.dataDir());
        this.metrics = metrics;
        ChunkConverter converter = new ChunkConverter(new BatchEncoder(settings.batchSize()), parsers);
        this.step = new FileStep(vertx, settings.readSize(), converter, sink, metrics,
                new RejectedLineLog(settings.rejectedLogInterval()));
    }

    public Path checkpointFile() {
        return store.file();
    }

    /**
     * Loads the checkpoints and starts polling. Blocks while it reads the checkpoint file, so
     * call it from a worker or the main thread.
     *
     * @throws IllegalStateException when the checkpoint file exists but cannot be read
     */
    public void start() {
        for (Checkpoint checkpoint : store.load()) {
            FileState state = checkpoint.toState();
            states.put(state.identity(), state);
        }
        context = vertx.getOrCreateContext();
        context.runOnContext(this::poll);
    }

    /** Stops polling and completes once the poll in progress, if any, has finished. */
    public CompletionStage<Void> stop() {
        stopping = true;
        if (context == null) {
            idle.complete(null);
        } else {
            context.runOnContext(() -> {
                if (!polling) {
                    vertx.cancelTimer(timerId);
                    idle.complete(null);
                }
            });
        }
        return idle;
    }

    private void poll() {
        timerId = -1;
        if (stopping) {
            idle.complete(null);
            return;
        }
        polling = true;
        PollResult result = new PollResult();
        vertx.executeBlocking(Uni.createFrom().item(scanner::scan))
                .onItem().transformToUni(scanned -> stepAll(scanned, result))
                .subscribe().with(ignored -> afterPoll(result), failure -> {
                    result.failed = true;
                    IngestLog.LOG.scanFailed(retryDelay(consecutiveFailures + 1), failure);
                    afterPoll(result);
                });
    }

    private void afterPoll(PollResult result) {
        polling = false;
        consecutiveFailures = result.failed ? consecutiveFailures + 1 : 0;
        if (stopping) {
            idle.complete(null);
            return;
        }
        Duration delay;
        if (result.failed) {
            delay = retryDelay(consecutiveFailures);
        } else if (result.moreData) {
            delay = Duration.ofMillis(1);
        } else {
            delay = settings.pollInterval();
        }
        timerId = vertx.setTimer(Math.max(1, delay.toMillis()), id -> poll());
    }

    /** Returns the poll interval doubled per consecutive failure, capped at the maximum retry delay. */
    private Duration retryDelay(int failures) {
        Duration delay = settings.pollInterval();
        for (int i = 1; i < failures && delay.compareTo(settings.maxRetryDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : delay;
    }

    private Uni<Void> stepAll(List<ScannedFile> scanned, PollResult result) {
        List<FileState> present = reconcile(scanned);
        return Multi.createFrom().iterable(present)
                .onItem().transformToUniAndConcatenate(state -> stepAndSave(state, result))
                .collect().last()
                .replaceWithVoid();
    }

    /** Matches the listed files to known states by identity, and returns the states found in this scan. */
    private List<FileState> reconcile(List<ScannedFile> scanned) {
        for (FileState state : states.values()) {
            state.present = false;
        }
        List<FileState> present = new ArrayList<>();
        for (ScannedFile file : scanned) {
            String identity = FileState.identity(file.site(), file.device(), file.inode());
            FileState state = states.get(identity);
            if (state == null) {
                state = new FileState(file.site(), file.device(), file.inode(), file.path(), 0);
                states.put(identity, state);
            } else if (!state.path.equals(file.path())) {
                IngestLog.LOG.fileMoved(state.fileKey(), state.site, state.path, file.path());
                metrics.untrackLag(identity);
                state.path = file.path();
            }
            if (!state.announced) {
                IngestLog.LOG.fileFollowed(state.path, state.site, state.fileKey(), state.offset);
                state.announced = true;
            }
            state.present = true;
            state.size = file.size();
            present.add(state);
            metrics.trackLag(identity, state.site, state.path, state, FileState::bytesBehind);
        }
        for (FileState state : states.values()) {
            if (!state.present) {
                // NOTE: states of files that are gone stay in the checkpoints, so that a reused inode
                // is recognised by its fingerprint. Nothing removes them yet, so the checkpoint file
                // grows by one entry per rotated file.
                metrics.untrackLag(state.identity());
            }
        }
        return present;
    }

    private Uni<Void> stepAndSave(FileState state, PollResult result) {
        long generation = state.generation;
        long offset = state.offset;
        return step.run(state)
                .onItem().transformToUni(more -> {
                    result.moreData |= more;
                    if (state.generation == generation && state.offset == offset) {
                        return Uni.createFrom().voidItem();
                    }
                    return save();
                })
                .onFailure().recoverWithUni(failure -> {
                    result.failed = true;
                    Duration retry = retryDelay(consecutiveFailures + 1);
                    if (failure instanceof PublishException) {
                        metrics.publishFailed(state.site);
                        IngestLog.LOG.publishFailed(state.path, offset, retry, failure.getCause());
                    } else if (failure instanceof CheckpointWriteException) {
                        IngestLog.LOG.checkpointWriteFailed(store.file(), retry, failure.getCause());
                    } else {
                        IngestLog.LOG.readFailed(state.path, retry, failure);
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> save() {
        List<Checkpoint> checkpoints = new ArrayList<>(states.size());
        for (FileState state : states.values()) {
            checkpoints.add(Checkpoint.of(state));
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                store.save(checkpoints);
                return null;
            } catch (IOException e) {
                throw new CheckpointWriteException(e);
            }
        })).replaceWithVoid();
    }

    /** Outcome of one poll over all files. */
    private static final class PollResult {
        boolean moreData;
        boolean failed;
    }

    /** Raised when the checkpoint file could not be written. */
    private static final class CheckpointWriteException extends RuntimeException {
        CheckpointWriteException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
