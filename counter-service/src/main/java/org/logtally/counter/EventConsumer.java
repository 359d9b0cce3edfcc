package org.logtally.counter;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.logtally.event.Addresses;
import org.logtally.event.EventBatch;
import org.logtally.event.EventCodec;
import org.logtally.event.InvalidMessageException;
import org.logtally.event.LogEvent;

import java.util.ArrayList;
import java.util.List;

/** Consumes {@link EventBatch} messages from {@value Addresses#EVENTS} into raw events and daily counts. */
@Singleton
public class EventConsumer extends BatchConsumer<EventRow, EventWriter.Result> {

    private final Multi<Message<Object>> messages;
    private final EventWriter writer;
    private final CountingRules rules;
    private final DimensionClassifier classifier;
    private final CounterMetrics metrics;

    @Inject
    EventConsumer(@Channel("events") Multi<Message<Object>> messages, Pool pool, EventWriter writer,
            InvalidMessageWriter invalidMessageWriter, CountingRules rules, DimensionClassifier classifier,
            CounterMetrics metrics, CounterConfig config) {
        super(Addresses.EVENTS, pool, invalidMessageWriter, metrics, config);
        this.messages = messages;
        this.writer = writer;
        this.rules = rules;
        this.classifier = classifier;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    @Override
    protected Multi<Message<Object>> messages() {
        return messages;
    }

    @Override
    protected List<EventRow> decode(String body) {
        EventBatch batch = EventCodec.decodeEvents(body);
        if (batch.events() == null) {
            throw new InvalidMessageException("the EventBatch has no events field");
        }
        List<EventRow> rows = new ArrayList<>(batch.events().size());
        for (LogEvent event : batch.events()) {
            if (event == null) {
                throw new InvalidMessageException("the EventBatch contains a null event");
            }
            rows.add(EventRow.of(event, rules, classifier));
        }
        return rows;
    }

    @Override
    protected Uni<EventWriter.Result> write(SqlConnection connection, List<EventRow> rows) {
        return writer.write(connection, rows);
    }

    @Override
    protected void committed(int messages, EventWriter.Result result) {
        metrics.eventsStored(result.inserted(), result.duplicates());
        CounterLog.LOG.batchStored(messages, address(), result.inserted(), result.duplicates(),
                result.newVisitors(), result.newBotVisitors());
    }
}
