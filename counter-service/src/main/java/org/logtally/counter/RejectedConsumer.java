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
import org.logtally.event.EventCodec;
import org.logtally.event.InvalidMessageException;
import org.logtally.event.RejectedBatch;
import org.logtally.event.RejectedLine;

import java.util.ArrayList;
import java.util.List;

/** Consumes {@link RejectedBatch} messages from {@value Addresses#REJECTED} into {@code rejected_line}. */
@Singleton
public class RejectedConsumer extends BatchConsumer<RejectedLineRow, RejectedConsumer.Result> {

    /** Lines of a batch that were stored and lines that were stored already. */
    record Result(long inserted, long duplicates) {
    }

    private final Multi<Message<Object>> messages;
    private final RejectedLineWriter writer;
    private final CounterMetrics metrics;

    @Inject
    RejectedConsumer(@Channel("rejected") Multi<Message<Object>> messages, Pool pool, RejectedLineWriter writer,
            InvalidMessageWriter invalidMessageWriter, CounterMetrics metrics, CounterConfig config) {
        super(Addresses.REJECTED, pool, invalidMessageWriter, metrics, config);
        this.messages = messages;
        this.writer = writer;
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
    protected List<RejectedLineRow> decode(String body) {
        RejectedBatch batch = EventCodec.decodeRejected(body);
        if (batch.lines() == null) {
            throw new InvalidMessageException("the RejectedBatch has no lines field");
        }
        List<RejectedLineRow> rows = new ArrayList<>(batch.lines().size());
        for (RejectedLine line : batch.lines()) {
            if (line == null) {
                throw new InvalidMessageException("the RejectedBatch contains a null line");
            }
            rows.add(RejectedLineRow.of(line));
        }
        return rows;
    }

    @Override
    protected Uni<Result> write(SqlConnection connection, List<RejectedLineRow> rows) {
        return writer.write(connection, rows).map(inserted -> new Result(inserted, rows.size() - inserted));
    }

    @Override
    protected void committed(int messages, Result result) {
        metrics.rejectedLinesStored(result.inserted(), result.duplicates());
        CounterLog.LOG.batchStored(messages, address(), result.inserted(), result.duplicates(), 0, 0);
    }
}
