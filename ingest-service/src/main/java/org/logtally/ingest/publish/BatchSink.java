package org.logtally.ingest.publish;

import io.smallrye.mutiny.Uni;

import java.util.List;

/** Sends encoded message bodies to the broker. */
public interface BatchSink {

    /**
     * Sends every body and returns a Uni that completes once the broker has settled all of them,
     * or fails when any send fails or times out. Some bodies may have been delivered on failure.
     *
     * @param eventBodies encoded {@code EventBatch} bodies for {@code logtally.events}
     * @param rejectedBodies encoded {@code RejectedBatch} bodies for {@code logtally.rejected}
     */
    Uni<Void> send(List<String> eventBodies, List<String> rejectedBodies);
}
