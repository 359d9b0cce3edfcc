package org.logtally.counter;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.logtally.event.InvalidMessageException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes one queue in batches, writing each batch in one database transaction.
 *
 * <p>The messages of a batch are acknowledged only after the commit. When the transaction fails, the
 * consumer waits for the {@link RetryBackoff} delay and then releases the messages, so the broker
 * delivers them again, maybe to another instance. A message whose body is not a valid batch is stored
 * in {@code invalid_message} in the same transaction and acknowledged with the others, so it cannot block
 * the queue.
 *
 * @param <R> row type that one message decodes to
 * @param <S> result type of writing the rows
 */
abstract class BatchConsumer<R, S> {

    /** Rows of the valid messages of a batch and the invalid messages. */
    private record DecodedBatch<R>(List<R> rows, List<InvalidMessage> invalid) {
    }

    private final String address;
    private final Pool pool;
    private final InvalidMessageWriter invalidMessageWriter;
    private final CounterMetrics metrics;
    private final CounterConfig config;
    private final RetryBackoff backoff;

    BatchConsumer(String address, Pool pool, InvalidMessageWriter invalidMessageWriter, CounterMetrics metrics,
            CounterConfig config) {
        this.address = address;
        this.pool = pool;
        this.invalidMessageWriter = invalidMessageWriter;
        this.metrics = metrics;
        this.config = config;
        this.backoff = RetryBackoff.of(config.retry());
    }

    /** Returns the stream of messages from the channel of this consumer. */
    protected abstract Multi<Message<Object>> messages();

    /**
     * Decodes the JSON body of one message into rows.
     *
     * @throws InvalidMessageException when the body is not a valid batch
     */
    protected abstract List<R> decode(String body);

    /** Writes the rows of a batch on a connection whose transaction is open. */
    protected abstract Uni<S> write(SqlConnection connection, List<R> rows);

    /** Records metrics and logs for a committed batch. */
    protected abstract void committed(int messages, S result);

    /**
     * Prepares the database for the rows of a batch, outside and before the batch's transaction. It does
     * nothing unless a subclass overrides it.
     */
    protected Uni<Void> beforeTransaction(List<R> rows) {
        return Uni.createFrom().voidItem();
    }

    /** Reacts to a failed batch before its messages are released. It does nothing unless a subclass overrides it. */
    protected void failed(Throwable failure) {
    }

    void start() {
        MessageBatcher<Message<Object>> batcher = MessageBatcher.of(address, config.batch(), this::process);
        CounterLog.LOG.consuming(address, config.batch().maxMessages(), config.batch().maxWait().toMillis());
        messages().subscribe().withSubscriber(batcher);
    }

    /** Writes one batch and settles its messages, and completes when the messages are settled. */
    Uni<Void> process(List<Message<Object>> messages) {
        return Uni.createFrom().item(() -> decodeAll(messages))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(decoded -> store(messages.size(), decoded))
                .onItemOrFailure().transformToUni((result, failure) -> failure == null
                        ? Acknowledgements.ackAll(address, messages)
                        : releaseAfterBackoff(messages, failure));
    }

    /** Writes the rows and the invalid messages of a batch in one transaction. */
    private Uni<S> store(int messages, DecodedBatch<R> decoded) {
        Uni<S> committed = beforeTransaction(decoded.rows())
                .chain(() -> pool.withTransaction(connection -> write(connection, decoded.rows())
                        .call(() -> invalidMessageWriter.write(connection, decoded.invalid()))));
        return committed.invoke(result -> afterCommit(messages, decoded.invalid(), result));
    }

    private DecodedBatch<R> decodeAll(List<Message<Object>> messages) {
        List<R> rows = new ArrayList<>();
        List<InvalidMessage> invalid = new ArrayList<>();
        for (Message<Object> message : messages) {
            byte[] body = MessageBodies.bytes(message.getPayload());
            try {
                rows.addAll(decode(MessageBodies.text(body)));
            } catch (InvalidMessageException e) {
                invalid.add(new InvalidMessage(address, MessageBodies.messageId(message), e.getMessage(), body));
            } catch (RuntimeException e) {
                // Anything else that a body can make decoding throw is a defect in this service. The message is
                // still kept and acknowledged, because retrying the same body would fail the same way forever.
                invalid.add(new InvalidMessage(address, MessageBodies.messageId(message),
                        "decoding failed with " + e, body));
            }
        }
        return new DecodedBatch<>(rows, invalid);
    }

    private void afterCommit(int messages, List<InvalidMessage> invalid, S result) {
        backoff.succeeded();
        committed(messages, result);
        if (!invalid.isEmpty()) {
            metrics.invalidMessages(address, invalid.size());
            for (InvalidMessage message : invalid) {
                String id = message.messageId() == null ? "without an id" : message.messageId();
                CounterLog.LOG.invalidMessage(id, address, message.reason());
            }
        }
    }

    private Uni<Void> releaseAfterBackoff(List<Message<Object>> messages, Throwable failure) {
        failed(failure);
        Duration delay = backoff.failed();
        metrics.batchFailed(address);
        CounterLog.LOG.batchFailed(messages.size(), address, backoff.failuresInRow(), delay.toMillis(),
                MessageBodies.describeIds(messages), failure);
        return Uni.createFrom().voidItem()
                .onItem().delayIt().by(delay)
                .chain(() -> Acknowledgements.nackAll(address, messages, failure));
    }

    protected String address() {
        return address;
    }
}
