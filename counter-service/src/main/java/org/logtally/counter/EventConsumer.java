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

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Consumes {@link EventBatch} messages from {@value Addresses#EVENTS} into raw events and daily counts. */
@Singleton
public class EventConsumer extends BatchConsumer<EventRow, EventWriter.Result> {

    private final Multi<Message<Object>> messages;
    private final EventWriter writer;
    private final CountingRules rules;
    private final DimensionClassifier classifier;
    private final CounterMetrics metrics;
    private final RawEventPartitions partitions;
    private final RawEventRetention retention;
    private final KnownRows knownRows;

    @Inject
    EventConsumer(@Channel("events") Multi<Message<Object>> messages, Pool pool, EventWriter writer,
            InvalidMessageWriter invalidMessageWriter, CountingRules rules, DimensionClassifier classifier,
            CounterMetrics metrics, CounterConfig config, RawEventPartitions partitions,
            RawEventRetention retention, KnownRows knownRows) {
        super(Addresses.EVENTS, pool, invalidMessageWriter, metrics, config);
        this.messages = messages;
        this.writer = writer;
        this.rules = rules;
        this.classifier = classifier;
        this.metrics = metrics;
        this.partitions = partitions;
        this.retention = retention;
        this.knownRows = knownRows;
    }

    void onStart(@Observes StartupEvent event) {
        if (retention.cutoff().isPresent()) {
            CounterLog.LOG.rawEventRetention(retention.describe());
        } else {
            CounterLog.LOG.rawEventsKeptForever();
        }
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
        EventRow.RequestTimes times = new EventRow.RequestTimes();
        for (LogEvent event : batch.events()) {
            if (event == null) {
                throw new InvalidMessageException("the EventBatch contains a null event");
            }
            rows.add(EventRow.of(event, rules, classifier, times));
        }
        return rows;
    }

    /**
     * Creates the partitions of the months that the rows need, except for months older than the retention, whose
     * events {@link EventWriter} does not insert into {@code raw_event}.
     */
    @Override
    protected Uni<Void> beforeTransaction(List<EventRow> rows) {
        Optional<LocalDate> cutoff = retention.cutoff();
        Set<YearMonth> months = new HashSet<>();
        for (EventRow row : rows) {
            if (!RawEventRetention.expired(row.day(), cutoff)) {
                months.add(YearMonth.of(row.day().getYear(), row.day().getMonth()));
            }
        }
        return partitions.ensure(months);
    }

    /** Forgets the known partitions, in case the batch failed because one of them was dropped. */
    @Override
    protected void failed(Throwable failure) {
        partitions.forgetAll();
    }

    @Override
    protected Uni<EventWriter.Result> write(SqlConnection connection, List<EventRow> rows) {
        return writer.write(connection, rows);
    }

    @Override
    protected void committed(int messages, EventWriter.Result result) {
        knownRows.addCommitted(result.visitorRows());
        metrics.eventsStored(result.inserted(), result.duplicates());
        CounterLog.LOG.batchStored(messages, address(), result.inserted(), result.duplicates(),
                result.newVisitors(), result.newBotVisitors());
        if (!result.expired().isEmpty()) {
            metrics.eventsExpired(result.expired().size());
            List<UUID> firstIds = result.expired().subList(0, Math.min(5, result.expired().size()));
            CounterLog.LOG.expiredEventsRejected(result.expired().size(), address(), retention.describe(),
                    result.cutoff().orElseThrow(), firstIds.toString());
        }
    }
}
