package org.logtally.counter;

import io.smallrye.reactive.messaging.amqp.IncomingAmqpMetadata;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.logtally.event.InvalidMessageException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Reads the body and the id of an incoming AMQP message. */
final class MessageBodies {

    /** Maximum number of message ids that a log line lists. */
    private static final int MAX_LOGGED_IDS = 5;

    private MessageBodies() {
    }

    /**
     * Returns the bytes of a message payload. The AMQP connector turns an AMQP value into its Java
     * value, a binary data section into {@code byte[]}, and a data section with content type
     * {@code application/json} into a Vert.x JSON value. Other payload types are returned as their
     * {@code toString()}, so that the stored copy of an invalid message still shows them.
     */
    static byte[] bytes(Object payload) {
        if (payload == null) {
            return new byte[0];
        }
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        if (payload instanceof Buffer buffer) {
            return buffer.getBytes();
        }
        if (payload instanceof io.vertx.mutiny.core.buffer.Buffer buffer) {
            return buffer.getBytes();
        }
        if (payload instanceof JsonObject json) {
            return json.encode().getBytes(StandardCharsets.UTF_8);
        }
        if (payload instanceof JsonArray json) {
            return json.encode().getBytes(StandardCharsets.UTF_8);
        }
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Decodes a message body as UTF-8 JSON text.
     *
     * @throws InvalidMessageException when the body is empty or not valid UTF-8
     */
    static String text(byte[] body) {
        if (body.length == 0) {
            throw new InvalidMessageException("the message has no body");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidMessageException("the message body is not valid UTF-8", e);
        }
    }

    /** Returns the AMQP message id, or null when the message has none. */
    static String messageId(Message<?> message) {
        return message.getMetadata(IncomingAmqpMetadata.class)
                .map(IncomingAmqpMetadata::getId)
                .orElse(null);
    }

    /** Returns the ids of the first few messages for a log line, such as {@code [a, b, c] and 17 more}. */
    static String describeIds(List<? extends Message<?>> messages) {
        String ids = messages.stream()
                .limit(MAX_LOGGED_IDS)
                .map(MessageBodies::messageId)
                .map(id -> id == null ? "no id" : id)
                .collect(Collectors.joining(", ", "[", "]"));
        int more = messages.size() - MAX_LOGGED_IDS;
        return more > 0 ? ids + " and " + more + " more" : ids;
    }
}
