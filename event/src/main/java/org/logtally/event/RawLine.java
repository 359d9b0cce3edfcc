package org.logtally.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The bytes of a log line, kept exactly. A line that is valid UTF-8 travels as text in
 * {@code text}; any other line travels as Base64 in {@code base64}, so that no byte is
 * replaced on the way. Exactly one of the two is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RawLine(String text, String base64) {

    public RawLine {
        if ((text == null) == (base64 == null)) {
            throw new IllegalArgumentException("exactly one of text and base64 must be set");
        }
    }

    /** Wraps {@code length} bytes of {@code source} starting at {@code start}. */
    public static RawLine of(byte[] source, int start, int length) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(source, start, length))
                    .toString();
            return new RawLine(text, null);
        } catch (CharacterCodingException e) {
            byte[] copy = new byte[length];
            System.arraycopy(source, start, copy, 0, length);
            return new RawLine(null, Base64.getEncoder().encodeToString(copy));
        }
    }

    /** Wraps a whole byte array. */
    public static RawLine of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    /** Returns the original bytes of the line. */
    @JsonIgnore
    public byte[] bytes() {
        return text != null ? text.getBytes(StandardCharsets.UTF_8) : Base64.getDecoder().decode(base64);
    }
}
