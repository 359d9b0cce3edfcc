package org.logtally.ingest.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLogParserTest {

    private final JsonLogParser parser = new JsonLogParser(JsonFields.of(Map.of()), null);

    private ParsedLine parse(String line) {
        return parse(parser, line);
    }

    private static ParsedLine parse(LineParser parser, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, 0, bytes.length);
    }

    private InvalidLineException reject(String line) {
        return assertThrows(InvalidLineException.class, () -> parse(line));
    }

    @Test
    void typicalNginxJsonLine() {
        ParsedLine line = parse("{\"time_iso8601\":\"2015-05-17T08:05:32+01:00\",\"remote_addr\":\"2001:db8::7\","
                + "\"remote_user\":\"\",\"request\":\"GET /caf\\u00e9?q=\\\"x\\\" HTTP/1.1\",\"status\": 200,"
                + "\"body_bytes_sent\": 5120,\"request_time\":0.003,\"upstream_response_time\":\"0.002, 0.001 : 0.003\","
                + "\"http_referer\":\"https://example.org/\",\"http_user_agent\":\"Mozilla/5.0 (X11)\"}");

        assertEquals("2015-05-17T08:05:32+01:00", line.time());
        assertEquals("2001:db8::7", line.client());
        assertNull(line.user());
        assertEquals("GET", line.method());
        assertEquals("/café?q=\"x\"", line.path());
        assertEquals("HTTP/1.1", line.protocol());
        assertEquals(200, line.status());
        assertEquals(5120, line.bytes());
        assertEquals("https://example.org/", line.referer());
        assertEquals("Mozilla/5.0 (X11)", line.userAgent());
    }

    @Test
    void timeLocalAndStringNumbers() {
        ParsedLine line = parse("{\"remote_addr\":\"10.0.0.1\",\"time_local\":\"17/May/2015:08:05:32 +0000\","
                + "\"request\":\"-\",\"status\":\"400\",\"body_bytes_sent\":\"-\",\"http_referer\":\"-\","
                + "\"http_user_agent\":null,\"extra\":{\"nested\":[1,2,{\"status\":\"x\"}]}}");

        assertEquals("2015-05-17T08:05:32+00:00", line.time());
        assertEquals(400, line.status());
        assertEquals(0, line.bytes());
        assertNull(line.method());
        assertNull(line.path());
        assertNull(line.referer());
        assertNull(line.userAgent());
    }

    @Test
    void binaryRequestIsHitWithoutPath() {
        ParsedLine line = parse("{\"remote_addr\":\"10.0.0.1\",\"time_iso8601\":\"2015-05-17T08:05:32+00:00\","
                + "\"request\":\"\\u0016\\u0003\\u0001\\u0000\",\"status\":400}");

        assertNull(line.method());
        assertEquals(400, line.status());
    }

    @Test
    void renamedKeysAreRead() {
        JsonLogParser renamed = new JsonLogParser(JsonFields.of(Map.of("time_iso8601", "@timestamp",
                "remote_addr", "client", "http_user_agent", "agent")), null);

        ParsedLine line = parse(renamed, "{\"@timestamp\":\"2015-05-17T08:05:32+00:00\",\"client\":\"10.0.0.1\","
                + "\"status\":200,\"agent\":\"curl/8.0\",\"remote_addr\":\"ignored\"}");

        assertEquals("10.0.0.1", line.client());
        assertEquals("curl/8.0", line.userAgent());
    }

    @Test
    void clientFromForwardedFor() {
        JsonLogParser forwarded = new JsonLogParser(JsonFields.of(Map.of()),
                new ForwardedClientResolver(List.of(CidrRange.parse("10.0.0.0/8"))));

        ParsedLine line = parse(forwarded, "{\"remote_addr\":\"10.0.0.2\",\"http_x_forwarded_for\":\"198.51.100.4\","
                + "\"time_iso8601\":\"2015-05-17T08:05:32+00:00\",\"status\":200}");

        assertEquals("198.51.100.4", line.client());
    }

    @Test
    void missingTimeIsRejected() {
        InvalidLineException e = reject("{\"remote_addr\":\"10.0.0.1\",\"status\":200}");

        assertEquals(RejectCategory.TIME, e.category());
        assertEquals("missing JSON key \"time_local\" or \"time_iso8601\"", e.getMessage());
    }

    @Test
    void missingStatusIsRejected() {
        InvalidLineException e = reject("{\"remote_addr\":\"10.0.0.1\",\"time_iso8601\":\"2015-05-17T08:05:32+00:00\"}");

        assertEquals(RejectCategory.STATUS, e.category());
        assertEquals("missing JSON key \"status\"", e.getMessage());
    }

    @Test
    void missingClientIsRejected() {
        InvalidLineException e = reject("{\"time_iso8601\":\"2015-05-17T08:05:32+00:00\",\"status\":200}");

        assertEquals(RejectCategory.CLIENT, e.category());
        assertEquals("missing JSON key \"remote_addr\"", e.getMessage());
    }

    @Test
    void invalidValuesAreRejected() {
        InvalidLineException status = reject("{\"remote_addr\":\"10.0.0.1\",\"time_iso8601\":\"2015-05-17T08:05:32+00:00\","
                + "\"status\":2000}");
        InvalidLineException time = reject("{\"remote_addr\":\"10.0.0.1\",\"time_iso8601\":\"2015-05-17\",\"status\":200}");
        InvalidLineException client = reject("{\"remote_addr\":\"nobody\",\"time_iso8601\":\"2015-05-17T08:05:32+00:00\","
                + "\"status\":200}");

        assertEquals("invalid status \"2000\"", status.getMessage());
        assertEquals(RejectCategory.TIME, time.category());
        assertEquals("invalid time \"2015-05-17\"", time.getMessage());
        assertEquals(RejectCategory.CLIENT, client.category());
    }

    @Test
    void objectValueOfFieldIsRejected() {
        InvalidLineException e = reject("{\"remote_addr\":\"10.0.0.1\",\"time_iso8601\":\"2015-05-17T08:05:32+00:00\","
                + "\"status\":{\"code\":200}}");

        assertEquals(RejectCategory.STATUS, e.category());
        assertEquals("the value of JSON key \"status\" is not a string or number", e.getMessage());
    }

    @Test
    void malformedJsonIsRejected() {
        InvalidLineException truncated = reject("{\"remote_addr\":\"10.0.0.1\",\"time_iso8601\":\"2015-05");
        InvalidLineException combined = reject("10.0.0.1 - - [17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\" 200 1");

        assertEquals(RejectCategory.JSON, truncated.category());
        assertTrue(truncated.getMessage().startsWith("invalid JSON: "), truncated.getMessage());
        assertEquals(RejectCategory.JSON, combined.category());
    }

    @Test
    void arrayLineIsRejected() {
        InvalidLineException e = reject("[1,2]");

        assertEquals(RejectCategory.JSON, e.category());
        assertEquals("the line is not a JSON object", e.getMessage());
    }

    @Test
    void textAfterObjectIsRejected() {
        InvalidLineException e = reject("{\"remote_addr\":\"10.0.0.1\",\"time_iso8601\":\"2015-05-17T08:05:32+00:00\","
                + "\"status\":200} {}");

        assertEquals(RejectCategory.TRAILING_TEXT, e.category());
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] bytes = "{\"remote_addr\":\"10.0.0.1\",\"time_iso8601\":\"2015-05-17T08:05:32+00:00\",\"status\":200,\"http_user_agent\":\"\u00ff\"}"
                .getBytes(StandardCharsets.ISO_8859_1);

        InvalidLineException e = assertThrows(InvalidLineException.class, () -> parser.parse(bytes, 0, bytes.length));

        assertEquals(RejectCategory.JSON, e.category());
    }

    @Test
    void unknownFieldNameIsRejected() {
        InvalidFormatException e = assertThrows(InvalidFormatException.class, () -> JsonFields.of(Map.of("time", "ts")));

        assertTrue(e.getMessage().startsWith("unknown JSON field \"time\", expected one of body_bytes_sent, bytes_sent,"),
                e.getMessage());
    }

    @Test
    void sharedKeyIsRejected() {
        InvalidFormatException e = assertThrows(InvalidFormatException.class,
                () -> JsonFields.of(Map.of("http_referer", "http_user_agent")));

        assertEquals("the JSON key \"http_user_agent\" is set for both http_referer and http_user_agent", e.getMessage());
    }
}
