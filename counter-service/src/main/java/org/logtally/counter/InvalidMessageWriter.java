package org.logtally.counter;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Writes invalid messages to {@code invalid_message} inside a transaction that the caller opens. A body that
 * is stored already for the same address is skipped, so a redelivered invalid message is kept once.
 */
@Singleton
public class InvalidMessageWriter {

    private static final String INSERT_INVALID_MESSAGES = """
            INSERT INTO invalid_message (address, body_sha256, message_id, reason, body_text, body_base64)
            SELECT * FROM unnest($1::text[], $2::bytea[], $3::text[], $4::text[], $5::text[], $6::text[])
                AS input(address, body_sha256, message_id, reason, body_text, body_base64)
            ORDER BY address, body_sha256
            ON CONFLICT (address, body_sha256) DO NOTHING
            """;

    Uni<Void> write(SqlConnection connection, List<InvalidMessage> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple columns = Tuple.of(
                messages.stream().map(InvalidMessage::address).toArray(String[]::new),
                messages.stream().map(message -> Buffer.buffer(message.bodySha256())).toArray(Buffer[]::new),
                messages.stream().map(message -> InvalidMessage.withoutNul(message.messageId()))
                        .toArray(String[]::new),
                messages.stream().map(message -> InvalidMessage.withoutNul(message.reason())).toArray(String[]::new),
                messages.stream().map(InvalidMessage::bodyText).toArray(String[]::new),
                messages.stream().map(InvalidMessage::bodyBase64).toArray(String[]::new));
        return connection.preparedQuery(INSERT_INVALID_MESSAGES).execute(columns).replaceWithVoid();
    }
}
