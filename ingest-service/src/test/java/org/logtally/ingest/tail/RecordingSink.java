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

/** A {@link BatchSink} that decodes and keeps every body, or fails every send while {@link #failing} is set. */
final class RecordingSink implements BatchSink {

    final Queue<LogEvent> events = new ConcurrentLinkedQueue<>();
    final Queue<RejectedLine> rejected = new ConcurrentLinkedQueue<>();
    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicInteger failedSends = new AtomicInteger();

    @Override
    public Uni<Void> send(List<String> eventBodies, List<String> rejectedBodies) {
        if (failing.get()) {
            failedSends.incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException("broker unreachable (test)"));
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
