package org.logtally.ingest.parse;

import org.logtally.ingest.parse.FormatElement.Field;
import org.logtally.ingest.parse.FormatElement.Literal;

import java.nio.charset.StandardCharsets;

/**
 * Parses lines of a {@link CompiledFormat}. The parser walks the format's elements once over the
 * line's bytes. It compares each literal byte by byte and finds the end of each value with the
 * element's {@link FormatElement.Scan} rule, without regular expressions. Only the values of
 * kept variables become strings. The class has no per-line state and is safe to use from several threads.
 */
public final class LogFormatParser implements LineParser {

    private final FormatElement[] elements;
    private final ForwardedClientResolver resolver;
    private final String lastFieldDescription;

    /**
     * Creates a parser of {@code format}.
     *
     * @param resolver picks the client from the proxy chain, or null to take {@code $remote_addr} as written
     * @throws InvalidFormatException when {@code format} has no {@code $remote_addr} and {@code resolver} is null
     */
    public LogFormatParser(CompiledFormat format, ForwardedClientResolver resolver) {
        if (resolver == null && !format.hasRemoteAddr()) {
            throw new InvalidFormatException("the format has no $remote_addr variable, so the client can only come"
                    + " from $http_x_forwarded_for: enable client-from-forwarded-for or add $remote_addr");
        }
        this.elements = format.elements().toArray(new FormatElement[0]);
        this.resolver = resolver;
        this.lastFieldDescription = lastFieldDescription(elements);
    }

    @Override
    public ParsedLine parse(byte[] bytes, int start, int end) {
        if (start == end) {
            throw new InvalidLineException(RejectCategory.EMPTY_LINE, "empty line");
        }
        LineValues values = new LineValues();
        int position = start;
        for (int i = 0; i < elements.length; i++) {
            FormatElement element = elements[i];
            if (element instanceof Literal literal) {
                position = matchLiteral(literal, bytes, position, end);
            } else {
                position = readField((Field) element, i, bytes, position, end, values);
            }
        }
        if (position != end) {
            String rest = new String(bytes, position, end - position, StandardCharsets.UTF_8);
            throw new InvalidLineException(RejectCategory.TRAILING_TEXT,
                    "unexpected text after " + lastFieldDescription + ": " + FieldText.quote(rest));
        }
        return values.toParsedLine(resolver);
    }

    private static int matchLiteral(Literal literal, byte[] bytes, int position, int end) {
        byte[] expected = literal.bytes();
        if (end - position < expected.length) {
            throw new InvalidLineException(literal.category(), literal.missingReason());
        }
        for (int j = 0; j < expected.length; j++) {
            if (bytes[position + j] != expected[j]) {
                throw new InvalidLineException(literal.category(), literal.missingReason());
            }
        }
        return position + expected.length;
    }

    /** Reads the value of {@code field}, which is element {@code index}, and returns the position after it. */
    private int readField(Field field, int index, byte[] bytes, int position, int end, LineValues values) {
        int valueEnd;
        boolean quoted = false;
        switch (field.scan()) {
            case QUOTED -> {
                valueEnd = FieldText.closingQuote(bytes, position, end);
                if (valueEnd >= end) {
                    throw new InvalidLineException(field.variable().category(),
                            "missing closing quote of " + field.description());
                }
                quoted = true;
            }
            case FIXED -> valueEnd = Math.min(end, position + field.variable().fixedLength());
            case UPSTREAM_LIST -> valueEnd = TimingValues.upstreamListEnd(bytes, position, end);
            case TO_LITERAL -> {
                Literal next = (Literal) elements[index + 1];
                valueEnd = valueEnd(bytes, position, end, next.bytes(), !field.variable().mayContainSpace());
                if (valueEnd < 0) {
                    throw new InvalidLineException(next.category(), next.missingReason());
                }
            }
            default -> valueEnd = end;
        }
        values.accept(field.variable(), bytes, position, valueEnd, quoted);
        return valueEnd;
    }

    /**
     * Returns the first index of {@code target} in {@code [from, end)} of {@code bytes}, or -1. With
     * {@code stopAtSpace}, a space before the first match ends the value there instead, so that the
     * value's own check reports the problem.
     */
    private static int valueEnd(byte[] bytes, int from, int end, byte[] target, boolean stopAtSpace) {
        byte first = target[0];
        int last = end - target.length;
        for (int i = from; i < end; i++) {
            if (bytes[i] == first && i <= last) {
                int j = 1;
                while (j < target.length && bytes[i + j] == target[j]) {
                    j++;
                }
                if (j == target.length) {
                    return i;
                }
            }
            if (stopAtSpace && bytes[i] == ' ') {
                return i;
            }
        }
        return -1;
    }

    private static String lastFieldDescription(FormatElement[] elements) {
        for (int i = elements.length - 1; i >= 0; i--) {
            if (elements[i] instanceof Field field) {
                return field.description();
            }
        }
        return "the format";
    }
}
