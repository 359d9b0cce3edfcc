package org.logtally.ingest.publish;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.logtally.ingest.IngestConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends message bodies on the {@code events} and {@code rejected} channels, which
 * application.properties binds to the AMQP addresses {@code logtally.events} and
 * {@code logtally.rejected}. A send completes when the broker settles the message.
 */
@ApplicationScoped
public class AmqpBatchSink implements BatchSink {

    @Inject
    @Channel("events")
    MutinyEmitter<String> events;

    @Inject
    @Channel("rejected")
    MutinyEmitter<String> rejected;

    @Inject
    IngestConfig config;

    @Override
    public Uni<Void> send(List<String> eventBodies, List<String> rejectedBodies) {
        List<Uni<Void>> sends = new ArrayList<>(eventBodies.size() + rejectedBodies.size());
        for (String body : eventBodies) {
            sends.add(events.send(body));
        }
        for (String body : rejectedBodies) {
            sends.add(rejected.send(body));
        }
        if (sends.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(sends).andCollectFailures()
                .ifNoItem().after(config.sendTimeout()).fail()
                .replaceWithVoid();
    }
}
