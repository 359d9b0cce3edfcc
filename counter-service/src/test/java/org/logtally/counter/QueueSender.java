package org.logtally.counter;

import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpSender;
import io.vertx.amqp.AmqpSenderOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A plain AMQP 1.0 client that sends message bodies to the counter's queues, as ingest-service does. */
final class QueueSender implements AutoCloseable {

    private final AmqpClient client;
    private final AmqpConnection connection;

    QueueSender(Vertx vertx, String host, int port) {
        client = AmqpClient.create(vertx, new AmqpClientOptions()
                .setHost(host).setPort(port).setUsername("guest").setPassword("guest"));
        connection = join(client.connect());
    }

    /** Sends {@code body} as one durable message to the anycast queue {@code address} and waits for the broker. */
    void send(String address, String body) {
        AmqpSender sender = join(connection.createSender(address, new AmqpSenderOptions().addCapability("queue")));
        try {
            String messageId = UUID.randomUUID().toString();
            join(sender.sendWithAck(AmqpMessage.create().id(messageId).withBody(body).durable(true).build()));
        } finally {
            join(sender.close());
        }
    }

    @Override
    public void close() {
        join(client.close());
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("AMQP operation failed", e);
        }
    }
}
