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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Follows the configured files. A Vert.x timer starts each poll, and the next timer is set only
 * when the poll has finished, so two polls never overlap. A poll lists the files on a worker,
 * then runs one {@link FileStep} per file in turn. After a step that moved an offset or started
 * a generation, the checkpoints are written on a worker. The next poll starts at once when a
 * file has more bytes, after the poll interval when all are read, and after a growing delay
 * when a step failed.
 *
 * <p>A file that a rotation renamed out of the configured paths is found again by its device
 * and inode in its directory and read until it has been idle at its end for the rotated-file
 * idle time; then it is released. With backfill, the first poll reads the rotated files next
 * to each followed file once, oldest first.
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
    private final ContentOrigins origins = new ContentOrigins(states);
    private final Backfill backfill;
    private final CompletableFuture<Void> idle = new CompletableFuture<>();
    private Context context;
    private volatile boolean stopping;
    private boolean polling;
    private boolean backfillPending;
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
        ChunkConverter converter = new ChunkConverter(new BatchEncoder(settings.batchSize()), parsers,
                settings.maxLineLength());
        this.step = new FileStep(vertx, settings, converter, sink, metrics,
                new RejectedLineLog(settings.rejectedLogInterval()), origins);
        this.backfill = new Backfill(settings, scanner, converter, sink, metrics, states, origins, () -> stopping,
                this::saveBlocking);
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
        CheckpointFile stored = store.load();
        for (Checkpoint checkpoint : stored.files()) {
            FileState state = checkpoint.toState();
            states.put(state.identity(), state);
        }
        origins.restore(stored.ended());
        backfill.restore(stored.backfilled());
        backfillPending = settings.backfill();
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
        Uni<Void> before = backfillPending ? runBackfill() : Uni.createFrom().voidItem();
        before.onItem().transformToUni(ignored -> {
                    List<Tracked> tracked = tracked();
                    List<EndedGeneration> unsearched = origins.takeUnsearched();
                    return vertx.executeBlocking(Uni.createFrom().item(() -> scanBlocking(tracked, unsearched)));
                })
                .onItem().transformToUni(scan -> stepAll(scan, result))
                .subscribe().with(ignored -> afterPoll(result), failure -> {
                    result.failed = true;
                    IngestLog.LOG.scanFailed(retryDelay(consecutiveFailures + 1), failure);
                    afterPoll(result);
                });
    }

    /**
     * Runs the backfill on its own thread, because it can take long and waits for the broker.
     * The poll waits for it, so no step touches the states meanwhile.
     */
    private Uni<Void> runBackfill() {
        backfillPending = false;
        CompletableFuture<Void> done = CompletableFuture.runAsync(backfill::run, runnable -> {
            Thread thread = new Thread(runnable, "logtally-backfill");
            thread.setDaemon(true);
            thread.start();
        });
        return Uni.createFrom().completionStage(done)
                .emitOn(runnable -> context.runOnContext(runnable))
                .onFailure().invoke(failure -> IngestLog.LOG.backfillFailed(failure))
                .onFailure().recoverWithNull()
                .onItem().transformToUni(ignored -> save());
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

    /** A followed file, copied for the scan on a worker thread. */
    private record Tracked(String identity, String site, String path, long device, long inode) {
    }

    /** A rotated file whose first line matches a generation that ended by truncation. */
    private record CopyMatch(EndedGeneration generation, ScannedFile file) {
    }

    /** Result of the worker scan: the matched files, followed files found under another name, and copies. */
    private record Scan(List<ScannedFile> matched, Map<String, ScannedFile> moved, List<CopyMatch> copies) {
    }

    private List<Tracked> tracked() {
        List<Tracked> tracked = new ArrayList<>();
        for (FileState state : states.values()) {
            if (!state.released) {
                tracked.add(new Tracked(state.identity(), state.site, state.path, state.device, state.inode));
            }
        }
        return tracked;
    }

    /** Lists the files; blocks, so it runs on a worker. */
    private Scan scanBlocking(List<Tracked> tracked, List<EndedGeneration> unsearched) {
        List<ScannedFile> matched = scanner.scan();
        Set<String> seen = new HashSet<>();
        for (ScannedFile file : matched) {
            seen.add(FileState.identity(file.site(), file.device(), file.inode()));
        }
        Map<String, ScannedFile> moved = new LinkedHashMap<>();
        for (Tracked file : tracked) {
            if (seen.contains(file.identity())) {
                continue;
            }
            List<Path> directories = new ArrayList<>();
            directories.add(Path.of(file.path()).getParent());
            directories.addAll(settings.rotatedDirs(file.site()));
            for (Path directory : directories) {
                Optional<ScannedFile> found = RotatedFiles.findByIdentity(file.site(), directory, file.device(),
                        file.inode());
                if (found.isPresent()) {
                    moved.put(file.identity(), found.get());
                    break;
                }
            }
        }
        List<CopyMatch> copies = new ArrayList<>();
        for (EndedGeneration generation : unsearched) {
            findCopy(generation).ifPresent(copy -> copies.add(new CopyMatch(generation, copy)));
        }
        return new Scan(matched, moved, copies);
    }

    /**
     * Looks for the uncompressed rotated file, next to the truncated one or in the site's
     * rotated-dirs, that starts with the same line.
     */
    private Optional<ScannedFile> findCopy(EndedGeneration generation) {
        try {
            List<Path> rotatedDirs = settings.rotatedDirs(generation.site());
            for (RotatedFiles.Sibling sibling : RotatedFiles.siblings(Path.of(generation.path()), rotatedDirs)) {
                if (sibling.compressed() || sibling.size() < generation.fingerprintLength()) {
                    continue;
                }
                byte[] start = RotatedFiles.readStart(sibling.path(), generation.fingerprintLength());
                if (start.length == generation.fingerprintLength()
                        && Fingerprint.of(start, start.length).equals(generation.fingerprint())) {
                    return Optional.of(new ScannedFile(generation.site(), sibling.path().toString(),
                            sibling.device(), sibling.inode(), sibling.size()));
                }
            }
        } catch (IOException e) {
            IngestLog.LOG.pathListFailed(generation.path(), generation.site(), e);
        }
        return Optional.empty();
    }

    private Uni<Void> stepAll(Scan scan, PollResult result) {
        long now = System.nanoTime();
        List<FileState> followed = reconcile(scan, now, result);
        return Multi.createFrom().iterable(followed)
                .onItem().transformToUniAndConcatenate(state -> stepAndSave(state, now, result))
                .collect().last()
                .onItem().transformToUni(ignored -> result.changed ? save() : Uni.createFrom().voidItem())
                .replaceWithVoid();
    }

    /**
     * Matches the listed files to known states by identity, follows rotated files by identity,
     * releases files that are gone, and returns the states to step in this poll.
     */
    private List<FileState> reconcile(Scan scan, long now, PollResult result) {
        for (FileState state : states.values()) {
            state.present = false;
        }
        // Rotated files come first: their lines are older than those of the files that replaced them.
        List<FileState> followed = new ArrayList<>();
        List<FileState> matched = new ArrayList<>();
        for (ScannedFile file : scan.matched()) {
            FileState state = follow(file, now);
            state.rotated = false;
            matched.add(state);
        }
        for (Map.Entry<String, ScannedFile> moved : scan.moved().entrySet()) {
            FileState state = states.get(moved.getKey());
            if (state == null || state.present) {
                continue;
            }
            follow(moved.getValue(), now);
            if (!state.rotated) {
                state.rotated = true;
                IngestLog.LOG.rotatedFileFollowed(state.path, state.site, state.fileKey(), state.bytesBehind());
            }
            followed.add(state);
        }
        for (CopyMatch copy : scan.copies()) {
            ScannedFile file = copy.file();
            String identity = FileState.identity(file.site(), file.device(), file.inode());
            if (states.containsKey(identity) || !origins.take(copy.generation())) {
                continue;
            }
            FileState state = new FileState(file.site(), file.device(), file.inode(), file.path(), 0);
            state.contentKey = copy.generation().fileKey();
            state.fingerprint = copy.generation().fingerprint();
            state.fingerprintLength = copy.generation().fingerprintLength();
            state.offset = Math.min(copy.generation().offset(), file.size());
            state.rotated = true;
            states.put(identity, state);
            metrics.copyRecognised(state.site);
            IngestLog.LOG.copyRecognised(state.path, state.site, state.fileKey(), state.offset);
            follow(file, now);
            followed.add(state);
            result.changed = true;
        }
        for (FileState state : states.values()) {
            if (!state.present) {
                metrics.untrackLag(state.identity());
                if (!state.released) {
                    // NOTE: only the directory of the last path and the site's rotated-dirs are searched, so a
                    // file moved to another directory is released here, and its unread lines are not read.
                    release(state, result);
                    IngestLog.LOG.fileGone(state.path, state.site, state.fileKey(), state.bytesBehind());
                }
            }
        }
        followed.addAll(matched);
        return followed;
    }

    /** Marks the state of {@code file} present, creating it for a new identity. */
    private FileState follow(ScannedFile file, long now) {
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
        if (state.released) {
            // The identity is back. The content check in the next step separates a returning file from a reused inode.
            state.released = false;
            state.announced = false;
        }
        if (!state.announced) {
            IngestLog.LOG.fileFollowed(state.path, state.site, state.fileKey(), state.offset);
            state.announced = true;
        }
        state.present = true;
        state.observeSize(file.size(), now);
        metrics.trackLag(identity, state.site, state.path, state, FileState::bytesBehind);
        return state;
    }

    private void release(FileState state, PollResult result) {
        state.released = true;
        state.rotated = false;
        metrics.untrackLag(state.identity());
        metrics.fileReleased(state.site);
        result.changed = true;
    }

    private Uni<Void> stepAndSave(FileState state, long now, PollResult result) {
        if (result.rotatedBehind && !state.rotated) {
            // Oldest first: the files that replaced a rotated file wait until it is read.
            return Uni.createFrom().voidItem();
        }
        String before = position(state);
        long offset = state.offset;
        return step.run(state, now)
                .onItem().transformToUni(more -> {
                    result.moreData |= more;
                    result.rotatedBehind |= more && state.rotated;
                    if (state.rotated && !more && state.skipPosition < 0 && state.offset >= state.size
                            && now - state.changedAt >= settings.rotatedFileIdle().toNanos()) {
                        release(state, result);
                        IngestLog.LOG.rotatedFileReleased(state.path, state.site, state.fileKey(), state.offset);
                    }
                    if (before.equals(position(state))) {
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

    /** Returns what a checkpoint stores about the position in the file, to tell whether a step changed it. */
    private static String position(FileState state) {
        return state.fileKey() + '@' + state.offset + "/skip" + state.skipPosition + "/partial"
                + state.partialLineEnd + (state.released ? "/released" : "");
    }

    private Uni<Void> save() {
        CheckpointFile file = checkpoints();
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                store.save(file);
                return null;
            } catch (IOException e) {
                throw new CheckpointWriteException(e);
            }
        })).replaceWithVoid();
    }

    /** Writes the checkpoints from the backfill thread, while no poll runs. */
    private void saveBlocking() {
        try {
            store.save(checkpoints());
        } catch (IOException e) {
            throw new CheckpointWriteException(e);
        }
    }

    private CheckpointFile checkpoints() {
        List<Checkpoint> files = new ArrayList<>(states.size());
        for (FileState state : states.values()) {
            files.add(Checkpoint.of(state));
        }
        return new CheckpointFile(CheckpointFile.VERSION, files, origins.ended(), backfill.completed());
    }

    /** Outcome of one poll over all files. */
    private static final class PollResult {
        boolean moreData;
        boolean failed;
        /** Whether a rotated file has more bytes, so the other files wait for the next poll. */
        boolean rotatedBehind;
        /** Whether a file was released or recognised, so the checkpoints need writing. */
        boolean changed;
    }

    /** Raised when the checkpoint file could not be written. */
    private static final class CheckpointWriteException extends RuntimeException {
        CheckpointWriteException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
