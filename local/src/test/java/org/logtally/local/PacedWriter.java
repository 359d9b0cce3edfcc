package org.logtally.local;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Appends lines from a {@link CombinedLogGenerator} on a background thread in chunks with a
 * pause after each, like a busy web server, so that faults can be injected while the file
 * still grows.
 */
final class PacedWriter implements AutoCloseable {

    private final CombinedLogGenerator generator;
    private final int totalLines;
    private final CompletableFuture<IndependentCount> done = new CompletableFuture<>();
    private final Thread thread;
    private volatile long linesWritten;
    private volatile boolean cancelled;

    private PacedWriter(CombinedLogGenerator generator, int totalLines, int chunkLines, Duration pause) {
        this.generator = generator;
        this.totalLines = totalLines;
        this.thread = new Thread(() -> run(chunkLines, pause), "paced-writer-" + generator.file().getFileName());
        thread.setDaemon(true);
    }

    /** Starts appending {@code totalLines} lines, {@code chunkLines} at a time, pausing {@code pause} between chunks. */
    static PacedWriter start(CombinedLogGenerator generator, int totalLines, int chunkLines, Duration pause) {
        PacedWriter writer = new PacedWriter(generator, totalLines, chunkLines, pause);
        writer.thread.start();
        return writer;
    }

    private void run(int chunkLines, Duration pause) {
        try {
            while (linesWritten < totalLines && !cancelled) {
                int lines = (int) Math.min(chunkLines, totalLines - linesWritten);
                generator.append(lines);
                linesWritten += lines;
                if (linesWritten < totalLines) {
                    Thread.sleep(pause.toMillis());
                }
            }
            done.complete(generator.count());
        } catch (Exception e) {
            done.completeExceptionally(e);
        }
    }

    long linesWritten() {
        return linesWritten;
    }

    boolean isDone() {
        return done.isDone();
    }

    /** Waits until every line is written and returns their independent count. */
    IndependentCount awaitCount(Duration timeout) throws Exception {
        return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the writer after its current chunk, for cleanup after a failed test. */
    @Override
    public void close() throws InterruptedException {
        cancelled = true;
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
