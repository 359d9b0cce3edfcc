package org.logtally.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes and reads message bodies. Readers accept unknown fields so that a newer
 * producer can add fields without breaking older consumers; a change that older
 * consumers cannot read raises {@link #SCHEMA_VERSION}.
 */
public final class EventCodec {

    /** Version of the message bodies written by this build. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private EventCodec() {
    }

    public static String encode(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + body.getClass().getSimpleName(), e);
        }
    }

    public static EventBatch decodeEvents(String json) {
        return decode(json, EventBatch.class);
    }

    public static RejectedBatch decodeRejected(String json) {
        return decode(json, RejectedBatch.class);
    }

    private static <T extends MessageBody> T decode(String json, Class<T> type) {
        try {
            T body = MAPPER.readValue(json, type);
            int version = body.schemaVersion();
            if (version != SCHEMA_VERSION) {
                throw new InvalidMessageException("unsupported schemaVersion " + version
                        + ", this build reads version " + SCHEMA_VERSION);
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("invalid " + type.getSimpleName() + " JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
