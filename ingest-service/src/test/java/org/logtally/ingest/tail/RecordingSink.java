package org.logtally.ingest.tail;

import io.smallrye.mutiny.Uni;
import org.logtally.event.EventCodec;
import org.logtally.event.LogEvent;
import org.logtally.event.RejectedLine;
import org.logtally.ingest.publish.BatchSink;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link BatchSink} that decodes and keeps every body. It fails every send while
 * {@link #failing} is set, and once {@link #settleLimit} sends were settled it never settles
 * another, like a broker that stopped responding before a crash.
 */
final class RecordingSink implements BatchSink {

    final Queue<LogEvent> events = new ConcurrentLinkedQueue<>();
    final Queue<RejectedLine> rejected = new ConcurrentLinkedQueue<>();
    /** Events of sends that were never settled. */
    final Queue<LogEvent> unsettled = new ConcurrentLinkedQueue<>();
    /** Offset of the first event of each failed send. */
    final Queue<Long> failedOffsets = new ConcurrentLinkedQueue<>();
    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicInteger failedSends = new AtomicInteger();
    final AtomicInteger settleLimit = new AtomicInteger(Integer.MAX_VALUE);

    @Override
    public Uni<Void> send(List<String> eventBodies, List<String> rejectedBodies) {
        if (failing.get()) {
            failedSends.incrementAndGet();
            if (!eventBodies.isEmpty()) {
                failedOffsets.add(EventCodec.decodeEvents(eventBodies.get(0)).events().get(0).offset());
            }
            return Uni.createFrom().failure(new IllegalStateException("broker unreachable (test)"));
        }
        if (settleLimit.getAndDecrement() <= 0) {
            for (String body : eventBodies) {
                unsettled.addAll(EventCodec.decodeEvents(body).events());
            }
            return Uni.createFrom().nothing();
        }
        for (String body : eventBodies) {
            events.addAll(EventCodec.decodeEvents(body).events());
        }
        for (String body : rejectedBodies) {
            rejected.addAll(EventCodec.decodeRejected(body).lines());
        }
        return Uni.createFrom().voidItem();
    }
}
