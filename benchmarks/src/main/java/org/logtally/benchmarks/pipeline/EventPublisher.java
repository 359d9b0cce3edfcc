package org.logtally.benchmarks.pipeline;

import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends message bodies to an AMQP 1.0 address with the Vert.x AMQP client, as durable
 * messages with a binary data section, keeping {@value #MAX_IN_FLIGHT} sends unsettled.
 */
final class EventPublisher implements AutoCloseable {

    /** Maximum number of sends not yet settled, so the publisher never waits for one acknowledgement at a time. */
    private static final int MAX_IN_FLIGHT = 32;
    private static final long TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final AmqpClient client;
    private final AmqpSender sender;

    EventPublisher(String host, int port, String user, String password, String address) throws Exception {
        vertx = Vertx.vertx();
        client = AmqpClient.create(vertx, new AmqpClientOptions()
                .setHost(host)
                .setPort(port)
                .setUsername(user)
                .setPassword(password));
        AmqpConnection connection = await(client.connect(), "connect to " + host + ":" + port);
        sender = await(connection.createSender(address), "open a sender on " + address);
    }

    /**
     * Sends every body and waits until the broker has accepted all of them.
     *
     * @throws IllegalStateException when the broker rejects a message or a send times out
     */
    void sendAll(List<byte[]> bodies) throws InterruptedException {
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (byte[] body : bodies) {
            acquire(inFlight, 1);
            if (failure.get() != null) {
                break;
            }
            AmqpMessage message = AmqpMessage.create().withBufferAsBody(Buffer.buffer(body)).durable(true).build();
            sender.sendWithAck(message).onComplete(result -> {
                if (result.failed()) {
                    failure.compareAndSet(null, result.cause());
                }
                inFlight.release();
            });
        }
        acquire(inFlight, MAX_IN_FLIGHT);
        if (failure.get() != null) {
            throw new IllegalStateException("sending to the broker failed: " + failure.get().getMessage(), failure.get());
        }
    }

    private static void acquire(Semaphore semaphore, int permits) throws InterruptedException {
        if (!semaphore.tryAcquire(permits, TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the broker did not settle a message within " + TIMEOUT_SECONDS + " s");
        }
    }

    private static <T> T await(Future<T> future, String action) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("failed to " + action + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
