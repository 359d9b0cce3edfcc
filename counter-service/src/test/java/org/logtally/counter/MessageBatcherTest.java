package org.logtally.counter;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageBatcherTest {

    private static final Duration LONG_WAIT = Duration.ofHours(1);

    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

    private Uni<Void> recordBatch(List<Integer> batch) {
        batches.add(batch);
        return Uni.createFrom().voidItem();
    }

    @Test
    void fullBatchesHandedOverBySize() {
        Multi.createFrom().range(0, 45)
                .subscribe().withSubscriber(new MessageBatcher<>("test", 20, 1, LONG_WAIT, this::recordBatch));

        assertEquals(3, batches.size());
        assertEquals(IntStream.range(0, 20).boxed().toList(), batches.get(0));
        assertEquals(IntStream.range(20, 40).boxed().toList(), batches.get(1));
        // The rest is handed over when the stream completes.
        assertEquals(IntStream.range(40, 45).boxed().toList(), batches.get(2));
    }

    @Test
    void partialBatchHandedOverAfterMaxWait() {
        UnicastProcessor<Integer> source = UnicastProcessor.create();
        source.subscribe().withSubscriber(new MessageBatcher<>("test", 20, 1, Duration.ofMillis(50), this::recordBatch));

        source.onNext(1);
        source.onNext(2);
        source.onNext(3);

        await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 1);
        assertEquals(List.of(1, 2, 3), batches.get(0));

        source.onNext(4);
        await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 2);
        assertEquals(List.of(4), batches.get(1));
    }

    @Test
    void oneBatchAtATimeWithBoundedDemand() {
        AtomicLong requested = new AtomicLong();
        List<CompletableFuture<Void>> running = new CopyOnWriteArrayList<>();
        MessageBatcher<Integer> batcher = new MessageBatcher<>("test", 20, 1, LONG_WAIT, batch -> {
            batches.add(batch);
            CompletableFuture<Void> done = new CompletableFuture<>();
            running.add(done);
            return Uni.createFrom().completionStage(done);
        });

        Multi.createFrom().range(0, 1000)
                .onRequest().invoke(requested::addAndGet)
                .subscribe().withSubscriber(batcher);

        assertEquals(1, batches.size());
        assertEquals(40, requested.get(), "at most two batches of items are requested before one is handled");

        running.get(0).complete(null);

        // The second batch was already pending in full, so it is handed over at once.
        assertEquals(2, batches.size());
        assertEquals(IntStream.range(20, 40).boxed().toList(), batches.get(1));
        assertEquals(60, requested.get());
        assertEquals(2, running.size());
        assertFalse(running.get(1).isDone());
    }

    @Test
    void concurrentBatchesBoundedBySetting() {
        AtomicLong requested = new AtomicLong();
        List<CompletableFuture<Void>> running = new CopyOnWriteArrayList<>();
        MessageBatcher<Integer> batcher = new MessageBatcher<>("test", 20, 2, LONG_WAIT, batch -> {
            batches.add(batch);
            CompletableFuture<Void> done = new CompletableFuture<>();
            running.add(done);
            return Uni.createFrom().completionStage(done);
        });

        Multi.createFrom().range(0, 1000)
                .onRequest().invoke(requested::addAndGet)
                .subscribe().withSubscriber(batcher);

        assertEquals(2, batches.size(), "two batches run at once, the third waits");
        assertEquals(60, requested.get(), "at most three batches of items are requested before one is handled");

        running.get(1).complete(null);

        // A batch that finishes first frees its place for the next full batch, while the other still runs.
        assertEquals(3, batches.size());
        assertEquals(IntStream.range(40, 60).boxed().toList(), batches.get(2));
        assertEquals(80, requested.get());
        assertFalse(running.get(0).isDone());
    }

    @Test
    void failedHandlerDoesNotStopBatching() {
        List<List<Integer>> seen = new CopyOnWriteArrayList<>();
        Multi.createFrom().range(0, 40)
                .subscribe().withSubscriber(new MessageBatcher<Integer>("test", 20, 1, LONG_WAIT, batch -> {
                    seen.add(batch);
                    return Uni.createFrom().failure(new IllegalStateException("handler failed on purpose"));
                }));

        assertEquals(2, seen.size());
    }

    @Test
    void invalidSettingsRejectedWithKey() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> new MessageBatcher<Integer>("test", 0, 1, LONG_WAIT, this::recordBatch));
        IllegalArgumentException concurrency = assertThrows(IllegalArgumentException.class,
                () -> new MessageBatcher<Integer>("test", 20, 0, LONG_WAIT, this::recordBatch));
        IllegalArgumentException wait = assertThrows(IllegalArgumentException.class,
                () -> new MessageBatcher<Integer>("test", 20, 1, Duration.ZERO, this::recordBatch));

        assertTrue(size.getMessage().contains("logtally.counter.batch.max-messages"), size.getMessage());
        assertTrue(concurrency.getMessage().contains("logtally.counter.batch.concurrency"),
                concurrency.getMessage());
        assertTrue(wait.getMessage().contains("logtally.counter.batch.max-wait"), wait.getMessage());
    }
}
