package org.logtally.ingest.publish;

import org.logtally.event.EventBatch;
import org.logtally.event.EventCodec;
import org.logtally.event.LogEvent;
import org.logtally.event.RawLine;
import org.logtally.event.RejectedBatch;
import org.logtally.event.RejectedLine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Groups events into message bodies of at most {@code batchSize} items and at most
 * {@link #MAX_BODY_BYTES} bytes of UTF-8, so that the broker keeps each message in its journal.
 * Artemis 2.40.0 stores AMQP messages above 102,400 bytes (its {@code amqpMinLargeMessageSize}
 * default) as separate large-message files, which cost several times the CPU.
 */
public final class BatchEncoder {

    /** Maximum body size in bytes; the margin below 102,400 covers the AMQP headers. */
    public static final int MAX_BODY_BYTES = 96 * 1024;

    /** Estimated JSON bytes of one event besides its raw line and the parsed copies of it. */
    private static final int FIELD_OVERHEAD = 300;

    private final int batchSize;

    public BatchEncoder(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    public List<String> encodeEvents(List<LogEvent> events) {
        return encode(events, batch -> EventCodec.encode(EventBatch.of(batch)), LogEvent::raw);
    }

    public List<String> encodeRejected(List<RejectedLine> lines) {
        return encode(lines, batch -> EventCodec.encode(RejectedBatch.of(batch)), RejectedLine::raw);
    }

    private <T> List<String> encode(List<T> items, Function<List<T>, String> codec, Function<T, RawLine> raw) {
        List<String> bodies = new ArrayList<>();
        int start = 0;
        while (start < items.size()) {
            int end = start;
            long estimate = 0;
            while (end < items.size() && end - start < batchSize) {
                long next = estimate + estimateBytes(raw.apply(items.get(end)));
                if (end > start && next > MAX_BODY_BYTES) {
                    break;
                }
                estimate = next;
                end++;
            }
            encodeWithinLimit(items.subList(start, end), codec, bodies);
            start = end;
        }
        return bodies;
    }

    /** Encodes {@code items}, halving the group until each body fits or contains one item. */
    private static <T> void encodeWithinLimit(List<T> items, Function<List<T>, String> codec, List<String> bodies) {
        String body = codec.apply(items);
        if (items.size() == 1 || utf8Length(body) <= MAX_BODY_BYTES) {
            bodies.add(body);
            return;
        }
        int half = items.size() / 2;
        encodeWithinLimit(items.subList(0, half), codec, bodies);
        encodeWithinLimit(items.subList(half, items.size()), codec, bodies);
    }

    /** Estimates the JSON size: the raw line, about one more copy in the parsed fields, and the field names. */
    private static long estimateBytes(RawLine raw) {
        int rawLength = raw.text() != null ? raw.text().length() : raw.base64().length();
        return 2L * rawLength + FIELD_OVERHEAD;
    }

    static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
