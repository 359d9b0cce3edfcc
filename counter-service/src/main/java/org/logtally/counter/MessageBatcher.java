package org.logtally.counter;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * Groups a stream of items into batches and hands them to a handler, up to {@code concurrency} batches
 * at a time. A batch is handed over when it reaches {@code maxSize} items, or when {@code maxWait} has
 * passed since an item arrived while no batch was due, whichever comes first. With a concurrency of 2,
 * one batch can be decoded while the transaction of the other waits for the database.
 *
 * <p>Demand stays bounded: at most {@code (concurrency + 1) * maxSize} items are requested but not yet
 * handled, and the items of a batch are requested again only when its handler's {@link Uni} completes.
 * Mutiny's {@code group().intoLists().of(size, duration)} is not used because in Mutiny 3.1.1 it
 * fails the stream with a {@code BackPressureFailure} when a list is ready while downstream has
 * no outstanding request, which happens whenever its timer fires during a slow transaction.
 *
 * @param <T> item type, here a broker message
 */
final class MessageBatcher<T> implements Flow.Subscriber<T> {

    private final String address;
    private final int maxSize;
    private final int concurrency;
    private final Duration maxWait;
    private final Function<List<T>, Uni<Void>> handler;

    private final Object lock = new Object();
    private final ArrayDeque<T> pending = new ArrayDeque<>();
    private Flow.Subscription subscription;
    /** Number of handlers that run. */
    private int handling;
    /** Whether the pending items have waited long enough, so the next batch need not be full. */
    private boolean due;
    private boolean completed;
    /** Generation of the running timer, 0 when none runs. A fired timer of another generation is stale. */
    private long timerGeneration;
    private long lastTimerGeneration;

    /**
     * @param address  queue the items come from, for log messages
     * @param maxSize     maximum number of items in one batch, at least 1
     * @param concurrency maximum number of batches handled at the same time, at least 1
     * @param maxWait     maximum time an item waits for its batch to fill, more than zero
     * @param handler     processes one batch, and must complete its {@link Uni} once the batch is done
     */
    MessageBatcher(String address, int maxSize, int concurrency, Duration maxWait,
            Function<List<T>, Uni<Void>> handler) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("Invalid logtally.counter.batch.max-messages " + maxSize
                    + ": set it to 1 or more");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("Invalid logtally.counter.batch.concurrency " + concurrency
                    + ": set it to 1 or more");
        }
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("Invalid logtally.counter.batch.max-wait " + maxWait
                    + ": set a duration of more than zero, such as 100ms");
        }
        this.address = address;
        this.maxSize = maxSize;
        this.concurrency = concurrency;
        this.maxWait = maxWait;
        this.handler = handler;
    }

    /** Creates a batcher with the batch settings of the configuration. */
    static <T> MessageBatcher<T> of(String address, CounterConfig.Batch config,
            Function<List<T>, Uni<Void>> handler) {
        return new MessageBatcher<>(address, config.maxMessages(), config.concurrency(), config.maxWait(), handler);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        synchronized (lock) {
            this.subscription = subscription;
        }
        subscription.request((concurrency + 1L) * maxSize);
    }

    @Override
    public void onNext(T item) {
        List<T> batch;
        synchronized (lock) {
            pending.add(item);
            batch = takeBatchLocked();
            if (batch == null && !due && timerGeneration == 0) {
                startTimerLocked();
            }
        }
        handle(batch);
    }

    @Override
    public void onError(Throwable failure) {
        CounterLog.LOG.streamFailed(address, failure);
    }

    @Override
    public void onComplete() {
        List<T> batch;
        synchronized (lock) {
            completed = true;
            batch = takeBatchLocked();
        }
        CounterLog.LOG.streamCompleted(address);
        handle(batch);
    }

    /** Returns the next batch and marks it as handled, or returns null when no batch is ready. */
    private List<T> takeBatchLocked() {
        if (handling >= concurrency || pending.isEmpty()) {
            return null;
        }
        if (pending.size() < maxSize && !due && !completed) {
            return null;
        }
        List<T> batch = new ArrayList<>(Math.min(maxSize, pending.size()));
        while (batch.size() < maxSize && !pending.isEmpty()) {
            batch.add(pending.poll());
        }
        handling++;
        timerGeneration = 0;
        // Items left over arrived while the previous batch was handled, so they have waited already.
        due = !pending.isEmpty();
        return batch;
    }

    private void startTimerLocked() {
        long generation = ++lastTimerGeneration;
        timerGeneration = generation;
        Uni.createFrom().voidItem()
                .onItem().delayIt().by(maxWait)
                .subscribe().with(ignored -> onTimer(generation));
    }

    private void onTimer(long generation) {
        List<T> batch;
        synchronized (lock) {
            if (generation != timerGeneration) {
                return;
            }
            timerGeneration = 0;
            due = true;
            batch = takeBatchLocked();
        }
        handle(batch);
    }

    private void handle(List<T> batch) {
        if (batch == null) {
            return;
        }
        Uni<Void> result;
        try {
            result = handler.apply(batch);
        } catch (RuntimeException e) {
            result = Uni.createFrom().failure(e);
        }
        result.subscribe().with(
                ignored -> handled(batch.size()),
                failure -> {
                    CounterLog.LOG.batchHandlerFailed(batch.size(), address, failure);
                    handled(batch.size());
                });
    }

    private void handled(int size) {
        List<T> next;
        Flow.Subscription upstream;
        synchronized (lock) {
            handling--;
            next = takeBatchLocked();
            if (next == null && !pending.isEmpty() && !due && timerGeneration == 0) {
                startTimerLocked();
            }
            upstream = subscription;
        }
        upstream.request(size);
        handle(next);
    }
}
