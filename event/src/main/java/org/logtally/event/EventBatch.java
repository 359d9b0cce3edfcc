package org.logtally.event;

import java.util.List;

/**
 * The body of one message on {@link Addresses#EVENTS}: events of one file, in file order.
 * Events travel in batches because one AMQP message per line costs about twenty times
 * more CPU in the broker and in both services.
 */
public record EventBatch(int schemaVersion, List<LogEvent> events) implements MessageBody {

    public static EventBatch of(List<LogEvent> events) {
        return new EventBatch(EventCodec.SCHEMA_VERSION, events);
    }
}
