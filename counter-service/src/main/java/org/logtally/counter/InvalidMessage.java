package org.logtally.counter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A received message whose body is not a valid batch, as stored in table {@code invalid_message}.
 *
 * @param address   queue the message came from
 * @param messageId AMQP message id, or null when the message has none
 * @param reason    why the body is invalid
 * @param body      the body bytes exactly as received
 */
record InvalidMessage(String address, String messageId, String reason, byte[] body) {

    /** Returns the SHA-256 digest of the body, which identifies a body that arrives twice. */
    byte[] bodySha256() {
        return CountingRules.sha256().digest(body);
    }

    /** Returns the body as text, or null when it is not valid UTF-8 or contains NUL, which PostgreSQL text rejects. */
    String bodyText() {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
            return text.indexOf('\u0000') >= 0 ? null : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Returns the body in Base64 when {@link #bodyText()} is null, otherwise null. */
    String bodyBase64() {
        return bodyText() == null ? Base64.getEncoder().encodeToString(body) : null;
    }

    /**
     * Returns {@code text} with each NUL character replaced by the six characters of its JSON escape, because
     * PostgreSQL text cannot contain NUL.
     */
    static String withoutNul(String text) {
        return text == null ? null : text.replace("\u0000", "\\u0000");
    }
}
