package org.logtally.counter;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;

/** Settles the messages of a batch with the broker. */
final class Acknowledgements {

    private Acknowledgements() {
    }

    /** Acknowledges every message after its batch was committed. A failed acknowledgement is logged. */
    static Uni<Void> ackAll(String address, List<? extends Message<?>> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> acks = messages.stream()
                .map(message -> Uni.createFrom().completionStage(message::ack)
                        .onFailure().invoke(failure ->
                                CounterLog.LOG.ackFailed(MessageBodies.messageId(message), address, failure))
                        .onFailure().recoverWithNull())
                .toList();
        return Uni.join().all(acks).andFailFast().replaceWithVoid();
    }

    /**
     * Nacks every message, which the {@code release} failure strategy of the channel turns into an AMQP
     * {@code released} outcome, so the broker delivers the message again. A failed nack is logged.
     */
    static Uni<Void> nackAll(String address, List<? extends Message<?>> messages, Throwable reason) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> nacks = messages.stream()
                .map(message -> Uni.createFrom().completionStage(() -> message.nack(reason))
                        .onFailure().invoke(failure ->
                                CounterLog.LOG.nackFailed(MessageBodies.messageId(message), address, failure))
                        .onFailure().recoverWithNull())
                .toList();
        return Uni.join().all(nacks).andFailFast().replaceWithVoid();
    }
}
