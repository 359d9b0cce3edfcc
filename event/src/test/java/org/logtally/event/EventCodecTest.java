package org.logtally.event;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCodecTest {

    @Test
    void eventBatchSurvivesRoundTrip() {
        byte[] line = "1.2.3.4 - - [17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"-\""
                .getBytes(StandardCharsets.UTF_8);
        LogEvent event = new LogEvent(EventIds.of("site", "1:2:0", 0), "site", "/var/log/a.log", 0,
                "2015-05-17T08:05:32Z", "1.2.3.4", null, "GET", "/", "HTTP/1.1", 200, 5, null, null,
                RawLine.of(line));

        EventBatch decoded = EventCodec.decodeEvents(EventCodec.encode(EventBatch.of(List.of(event))));

        assertEquals(EventCodec.SCHEMA_VERSION, decoded.schemaVersion());
        assertEquals(List.of(event), decoded.events());
    }

    @Test
    void invalidUtf8IsKeptAsBase64() {
        byte[] line = {'a', (byte) 0xff, 'b'};

        RawLine raw = RawLine.of(line);

        assertNull(raw.text());
        assertArrayEquals(line, raw.bytes());
        assertArrayEquals(line, EventCodec.decodeRejected(EventCodec.encode(RejectedBatch.of(List.of(
                new RejectedLine(UUID.randomUUID(), "s", "f", 0, "r", raw))))).lines().get(0).raw().bytes());
    }

    @Test
    void idDependsOnPositionNotText() {
        assertEquals(EventIds.of("s", "k", 10), EventIds.of("s", "k", 10));
        assertNotEquals(EventIds.of("s", "k", 10), EventIds.of("s", "k", 11));
        assertNotEquals(EventIds.of("s", "k", 10), EventIds.of("s", "k2", 10));
        assertNotEquals(EventIds.of("s", "k", 10), EventIds.of("t", "k", 10));
    }

    @Test
    void newerSchemaVersionIsRejected() {
        InvalidMessageException e = assertThrows(InvalidMessageException.class,
                () -> EventCodec.decodeEvents("{\"schemaVersion\":99,\"events\":[]}"));

        assertTrue(e.getMessage().contains("schemaVersion 99"), e.getMessage());
    }

    @Test
    void malformedJsonIsRejected() {
        assertThrows(InvalidMessageException.class, () -> EventCodec.decodeEvents("{not json"));
    }
}
