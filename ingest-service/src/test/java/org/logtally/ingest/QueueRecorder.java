package org.logtally.ingest;

import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.core.Vertx;
import org.logtally.event.Addresses;
import org.logtally.event.EventCodec;
import org.logtally.event.LogEvent;
import org.logtally.event.RejectedLine;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/** A plain AMQP 1.0 consumer of the events and rejected-line queues that keeps what it receives. */
final class QueueRecorder implements AutoCloseable {

    final Queue<LogEvent> events = new ConcurrentLinkedQueue<>();
    final Queue<RejectedLine> rejected = new ConcurrentLinkedQueue<>();
    private final Vertx vertx = Vertx.vertx();
    private final AmqpClient client;

    private QueueRecorder(String host, int port) throws Exception {
        client = AmqpClient.create(vertx, new AmqpClientOptions().setHost(host).setPort(port)
                .setUsername("guest").setPassword("guest"));
        AmqpConnection connection = client.connect().toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        AmqpReceiverOptions options = new AmqpReceiverOptions().setCapabilities(List.of("queue"));
        connection.createReceiver(Addresses.EVENTS, options)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .handler(message -> events.addAll(EventCodec.decodeEvents(message.bodyAsString()).events()));
        connection.createReceiver(Addresses.REJECTED, options)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .handler(message -> rejected.addAll(EventCodec.decodeRejected(message.bodyAsString()).lines()));
    }

    static QueueRecorder connect(String host, int port) throws Exception {
        return new QueueRecorder(host, port);
    }

    List<LogEvent> eventsOf(String file) {
        return events.stream().filter(event -> event.file().equals(file)).toList();
    }

    List<RejectedLine> rejectedOf(String file) {
        return rejected.stream().filter(line -> line.file().equals(file)).toList();
    }

    @Override
    public void close() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
