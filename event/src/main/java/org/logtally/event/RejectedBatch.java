package org.logtally.event;

import java.util.List;

/** The body of one message on {@link Addresses#REJECTED}. */
public record RejectedBatch(int schemaVersion, List<RejectedLine> lines) implements MessageBody {

    public static RejectedBatch of(List<RejectedLine> lines) {
        return new RejectedBatch(EventCodec.SCHEMA_VERSION, lines);
    }
}
