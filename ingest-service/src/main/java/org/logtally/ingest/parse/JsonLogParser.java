package org.logtally.ingest.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Parses lines that each hold one JSON object, as nginx writes them with {@code log_format ...
 * escape=json}. The parser reads the object with Jackson's streaming parser, takes the top-level
 * keys of {@link JsonFields} and skips all others, nested values included. String and number
 * values are both accepted, so {@code "status":200} and {@code "status":"200"} are the same.
 * An empty string or null counts as {@code -}. The class is safe to use from several threads.
 */
public final class JsonLogParser implements LineParser {

    private static final int MAX_JSON_REASON = 120;

    private final JsonFactory factory;
    private final JsonFields fields;
    private final ForwardedClientResolver resolver;

    /** @param resolver picks the client from the proxy chain, or null to take remote_addr as written */
    public JsonLogParser(JsonFields fields, ForwardedClientResolver resolver) {
        this.fields = fields;
        this.resolver = resolver;
        this.factory = new JsonFactory();
    }

    @Override
    public ParsedLine parse(byte[] bytes, int start, int end) {
        if (start == end) {
            throw new InvalidLineException(RejectCategory.EMPTY_LINE, "empty line");
        }
        LineValues values = new LineValues();
        try (JsonParser parser = factory.createParser(bytes, start, end - start)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidLineException(RejectCategory.JSON, "the line is not a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                Variable variable = fields.variableOf(key);
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    if (variable != null) {
                        throw new InvalidLineException(variable.category(), "the value of JSON key "
                                + FieldText.quote(key) + " is not a string or number");
                    }
                    parser.skipChildren();
                } else if (variable != null) {
                    values.acceptDecoded(variable, value == JsonToken.VALUE_NULL ? null : parser.getText());
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new InvalidLineException(RejectCategory.JSON, "the line is not a JSON object");
            }
            if (parser.nextToken() != null) {
                throw new InvalidLineException(RejectCategory.TRAILING_TEXT, "unexpected text after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidLineException(RejectCategory.JSON, "invalid JSON: " + shorten(e.getOriginalMessage()));
        } catch (IOException e) {
            // The parser reads from a byte array, so no I/O can fail.
            throw new UncheckedIOException(e);
        }
        checkRequired(values);
        return values.toParsedLine(resolver);
    }

    private void checkRequired(LineValues values) {
        if (!values.hasTime()) {
            throw new InvalidLineException(RejectCategory.TIME, "missing JSON key "
                    + FieldText.quote(fields.keyOf(Variable.TIME_LOCAL)) + " or "
                    + FieldText.quote(fields.keyOf(Variable.TIME_ISO8601)));
        }
        if (!values.hasStatus()) {
            throw new InvalidLineException(RejectCategory.STATUS, "missing JSON key "
                    + FieldText.quote(fields.keyOf(Variable.STATUS)));
        }
        if (!values.hasClient(resolver != null)) {
            throw new InvalidLineException(RejectCategory.CLIENT, "missing JSON key "
                    + FieldText.quote(fields.keyOf(Variable.REMOTE_ADDR)));
        }
    }

    private static String shorten(String message) {
        String firstLine = message.lines().findFirst().orElse("");
        return firstLine.length() <= MAX_JSON_REASON ? firstLine : firstLine.substring(0, MAX_JSON_REASON) + "...";
    }
}
