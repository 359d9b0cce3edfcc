package org.logtally.ingest.publish;

import org.junit.jupiter.api.Test;
import org.logtally.event.EventCodec;
import org.logtally.event.EventIds;
import org.logtally.event.LogEvent;
import org.logtally.event.RawLine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchEncoderTest {

    private static LogEvent event(int offset, String userAgent) {
        String line = "2001:4801:7824:102:8bee:6e66:ff10:6aa2 - - [18/May/2015:16:05:29 +0000]"
                + " \"GET /downloads/product_1 HTTP/1.1\" 200 85619205 \"-\" \"" + userAgent + "\"";
        return new LogEvent(EventIds.of("s", "1:2:0", offset), "s", "/var/log/nginx/access.log", offset,
                "2015-05-18T16:05:29+00:00", "2001:4801:7824:102:8bee:6e66:ff10:6aa2", null, "GET",
                "/downloads/product_1", "HTTP/1.1", 200, 85619205, null, userAgent,
                RawLine.of(line.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<LogEvent> decodeAll(List<String> bodies) {
        List<LogEvent> events = new ArrayList<>();
        bodies.forEach(body -> events.addAll(EventCodec.decodeEvents(body).events()));
        return events;
    }

    @Test
    void batchSizeLimitsEventsPerBody() {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            events.add(event(i, "Wget/1.15 (linux-gnu)"));
        }

        List<String> bodies = new BatchEncoder(200).encodeEvents(events);

        assertEquals(3, bodies.size());
        assertEquals(events, decodeAll(bodies));
    }

    @Test
    void bodiesStayBelowLargeMessageSize() {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            events.add(event(i, "Chef Client/12.0.3 (ruby-2.1.4-p265; ohai-8.0.1; x86_64-linux; +http://opscode.com)"
                    + " é€".repeat(i % 50)));
        }

        List<String> bodies = new BatchEncoder(200).encodeEvents(events);

        for (String body : bodies) {
            int size = body.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(size <= BatchEncoder.MAX_BODY_BYTES, "body of " + size + " bytes");
        }
        assertEquals(events, decodeAll(bodies));
    }

    @Test
    void oversizedSingleEventGoesAlone() {
        List<LogEvent> events = List.of(event(0, "a"), event(1, "x".repeat(200_000)), event(2, "b"));

        List<String> bodies = new BatchEncoder(200).encodeEvents(events);

        assertEquals(events, decodeAll(bodies));
        assertTrue(bodies.size() >= 2);
    }

    @Test
    void utf8LengthCountsBytes() {
        String text = "aé€\uD83D\uDE00";

        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, BatchEncoder.utf8Length(text));
    }

    @Test
    void zeroBatchSizeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BatchEncoder(0));
    }
}
