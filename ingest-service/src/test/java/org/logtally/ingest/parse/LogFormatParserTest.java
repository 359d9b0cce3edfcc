package org.logtally.ingest.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogFormatParserTest {

    private static final String COMBINED = "$remote_addr - $remote_user [$time_local] \"$request\" $status"
            + " $body_bytes_sent \"$http_referer\" \"$http_user_agent\"";
    private static final String COMMON = "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent";
    private static final String VHOST_COMBINED = "$host:$server_port $remote_addr - $remote_user [$time_local]"
            + " \"$request\" $status $bytes_sent \"$http_referer\" \"$http_user_agent\"";
    private static final String TIMED = "$remote_addr - $remote_user [$time_iso8601] \"$request\" $status"
            + " $body_bytes_sent $request_time $upstream_response_time \"$http_user_agent\" \"$http_x_forwarded_for\"";

    private static LineParser parser(String format) {
        return new LogFormatParser(LogFormatCompiler.compile(format), null);
    }

    private static ParsedLine parse(String format, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return parser(format).parse(bytes, 0, bytes.length);
    }

    private static InvalidLineException reject(String format, String line) {
        return assertThrows(InvalidLineException.class, () -> parse(format, line));
    }

    @Test
    void combinedIpv6Line() {
        ParsedLine line = parse(COMBINED, "2a01:7e00::f03c:91ff:fe70:a4cc - - [18/May/2015:16:05:29 +0000]"
                + " \"GET /downloads/product_1 HTTP/1.1\" 200 86166026 \"-\" \"Wget/1.15 (linux-gnu)\"");

        assertEquals("2a01:7e00::f03c:91ff:fe70:a4cc", line.client());
        assertNull(line.user());
        assertEquals("2015-05-18T16:05:29+00:00", line.time());
        assertEquals("GET", line.method());
        assertEquals("/downloads/product_1", line.path());
        assertEquals("HTTP/1.1", line.protocol());
        assertEquals(200, line.status());
        assertEquals(86166026, line.bytes());
        assertNull(line.referer());
        assertEquals("Wget/1.15 (linux-gnu)", line.userAgent());
    }

    @Test
    void combinedEscapesAreDecoded() {
        ParsedLine line = parse(COMBINED, "10.0.0.1 - alice [01/Jan/2020:00:00:00 -0530] \"GET /caf\\xC3\\xA9 HTTP/1.1\""
                + " 200 - \"https://example.org/?q=\\\"x\\\"\" \"say \\\"hi\\\" \\\\ \\x22ok\\x22\"");

        assertEquals("alice", line.user());
        assertEquals("2020-01-01T00:00:00-05:30", line.time());
        assertEquals("/café", line.path());
        assertEquals(0, line.bytes());
        assertEquals("https://example.org/?q=\"x\"", line.referer());
        assertEquals("say \"hi\" \\ \"ok\"", line.userAgent());
    }

    @Test
    void tlsJunkRequestIsHitWithoutPath() {
        ParsedLine line = parse(COMMON, "192.0.2.7 - - [17/May/2015:10:05:00 +0000]"
                + " \"\\x16\\x03\\x01\\x00\\xA5\\x01\\x00\\x00\\xA1\\x03\\x03\" 400 166");

        assertNull(line.method());
        assertNull(line.path());
        assertNull(line.protocol());
        assertEquals(400, line.status());
        assertEquals(166, line.bytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-"})
    void emptyOrDashRequestIsHitWithoutPath(String request) {
        ParsedLine line = parse(COMMON, "192.0.2.7 - - [17/May/2015:10:05:00 +0000] \"" + request + "\" 408 0");

        assertNull(line.method());
        assertNull(line.path());
        assertEquals(408, line.status());
    }

    @Test
    void commonLineHasNoRefererOrUserAgent() {
        ParsedLine line = parse(COMMON, "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\""
                + " 200 2326");

        assertEquals("127.0.0.1", line.client());
        assertEquals("frank", line.user());
        assertEquals("2000-10-10T13:55:36-07:00", line.time());
        assertEquals("/apache_pb.gif", line.path());
        assertEquals(2326, line.bytes());
        assertNull(line.referer());
        assertNull(line.userAgent());
    }

    @Test
    void commonLineWithCombinedTailIsRejected() {
        InvalidLineException e = reject(COMMON, "127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\""
                + " 200 2326 \"-\" \"curl/8.0\"");

        assertEquals(RejectCategory.BODY_BYTES, e.category());
        assertEquals("invalid body bytes \"2326 \"-\" \"curl/8.0\"\"", e.getMessage());
    }

    @Test
    void vhostCombinedLine() {
        ParsedLine line = parse(VHOST_COMBINED, "www.example.org:443 2001:db8::7 - - [17/May/2015:08:05:32 +0200]"
                + " \"GET /index.html HTTP/2.0\" 200 5120 \"https://www.example.org/\" \"Mozilla/5.0 (X11; Linux x86_64)\"");

        assertEquals("2001:db8::7", line.client());
        assertEquals("2015-05-17T08:05:32+02:00", line.time());
        assertEquals("/index.html", line.path());
        assertEquals(5120, line.bytes());
        assertEquals("https://www.example.org/", line.referer());
        assertEquals("Mozilla/5.0 (X11; Linux x86_64)", line.userAgent());
    }

    @Test
    void vhostCombinedWithoutPortIsRejected() {
        InvalidLineException e = reject(VHOST_COMBINED, "www.example.org 10.0.0.1 - - [17/May/2015:08:05:32 +0000]"
                + " \"GET / HTTP/1.1\" 200 5 \"-\" \"-\"");

        assertEquals(RejectCategory.OTHER_FIELD, e.category());
        assertEquals("missing \":\" before $server_port", e.getMessage());
    }

    @Test
    void upstreamListsAndIso8601Time() {
        ParsedLine line = parse(TIMED, "203.0.113.9 - - [2015-05-17T08:05:32+01:00] \"POST /api/items HTTP/1.1\" 201 17"
                + " 0.006 0.002, 0.001 : 0.003 \"okhttp/4.12.0\" \"198.51.100.4, 10.0.0.2\"");

        assertEquals("203.0.113.9", line.client());
        assertEquals("2015-05-17T08:05:32+01:00", line.time());
        assertEquals("POST", line.method());
        assertEquals(201, line.status());
        assertEquals(17, line.bytes());
        assertEquals("okhttp/4.12.0", line.userAgent());
    }

    @Test
    void upstreamDashIsAccepted() {
        ParsedLine line = parse(TIMED, "203.0.113.9 - - [2015-05-17T08:05:32-04:00] \"GET / HTTP/1.1\" 502 0"
                + " 0.000 - : 0.010 \"-\" \"-\"");

        assertEquals(502, line.status());
        assertEquals("2015-05-17T08:05:32-04:00", line.time());
        assertNull(line.userAgent());
    }

    @Test
    void invalidUpstreamTimeIsRejected() {
        InvalidLineException e = reject(TIMED, "203.0.113.9 - - [2015-05-17T08:05:32+01:00] \"GET / HTTP/1.1\" 200 1"
                + " 0.006 0.002,0.001 \"-\" \"-\"");

        assertEquals(RejectCategory.TIMING, e.category());
        assertEquals("invalid upstream response time \"0.002,0.001\"", e.getMessage());
    }

    @Test
    void invalidRequestTimeIsRejected() {
        InvalidLineException e = reject(TIMED, "203.0.113.9 - - [2015-05-17T08:05:32+01:00] \"GET / HTTP/1.1\" 200 1"
                + " 0.0x6 0.002 \"-\" \"-\"");

        assertEquals(RejectCategory.TIMING, e.category());
        assertEquals("invalid request time \"0.0x6\"", e.getMessage());
    }

    @Test
    void quotedUpstreamListKeepsSpaces() {
        ParsedLine line = parse("$remote_addr [$time_local] $status \"$upstream_response_time\" \"$upstream_addr\"",
                "10.0.0.1 [17/May/2015:08:05:32 +0000] 200 \"0.002, 0.001 : 0.003\" \"10.1.0.1:80, 10.1.0.2:80 : unix:/s\"");

        assertEquals(200, line.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2015-05-17T08:05:32+0100",
        "2015-13-17T08:05:32+01:00",
        "2015-02-29T08:05:32+01:00",
        "2015-05-17T24:05:32+01:00",
        "2015-05-17T08:05:32*01:00",
    })
    void invalidIso8601TimeIsRejected(String time) {
        InvalidLineException e = reject("$remote_addr [$time_iso8601] $status", "10.0.0.1 [" + time + "] 200");

        assertEquals(RejectCategory.TIME, e.category());
        assertEquals("invalid time \"" + time + "\"", e.getMessage());
    }

    @Test
    void valueWithoutSpacesEndsAtSpace() {
        InvalidLineException e = reject("$remote_addr [$time_iso8601] $status", "10.0.0.1 [2015-05-17 08:05:32+01:00] 200");

        assertEquals(RejectCategory.TIME, e.category());
        assertEquals("invalid time \"2015-05-17\"", e.getMessage());
    }

    @Test
    void fixedTimeBeforeSpaceIsReadByLength() {
        ParsedLine line = parse("$time_local $remote_addr $status $request",
                "17/May/2015:08:05:32 +0000 10.0.0.1 404 GET /missing HTTP/1.1");

        assertEquals("2015-05-17T08:05:32+00:00", line.time());
        assertEquals("10.0.0.1", line.client());
        assertEquals(404, line.status());
        assertEquals("/missing", line.path());
    }

    @Test
    void touchingFixedFieldsAreSplit() {
        ParsedLine line = parse("$remote_addr $time_iso8601$status$request_time",
                "10.0.0.1 2015-05-17T08:05:32+00:003040.120");

        assertEquals("2015-05-17T08:05:32+00:00", line.time());
        assertEquals(304, line.status());
    }

    @Test
    void otherVariablesAreSkipped() {
        ParsedLine line = parse("$remote_addr $connection [$time_local] \"$request\" $status $request_length"
                + " \"$http_cookie\" $ssl_protocol/$ssl_cipher",
                "10.0.0.1 4711 [17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\" 200 312 \"a=b; c=d\" TLSv1.3/TLS_AES_128_GCM_SHA256");

        assertEquals(200, line.status());
        assertEquals("/", line.path());
    }

    @Test
    void missingLiteralIsRejected() {
        InvalidLineException e = reject(COMBINED, "10.0.0.1 - - 17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"");

        assertEquals(RejectCategory.TIME, e.category());
        assertEquals("missing \" [\" before time", e.getMessage());
    }

    @Test
    void truncatedLineIsRejected() {
        InvalidLineException e = reject(COMBINED, "93.180.71.3 - - [17/May/2015:08:05:32 +0000] \"GET /downloads/product_1"
                + " HTTP/1.1\" 304 0 \"-\" \"Debian APT-HTTP/1.3 (0.8.16~exp1");

        assertEquals(RejectCategory.USER_AGENT, e.category());
        assertEquals("missing closing quote of user agent", e.getMessage());
    }

    @Test
    void invalidClientIsRejected() {
        InvalidLineException e = reject(COMBINED, "hello - - [17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"");

        assertEquals(RejectCategory.CLIENT, e.category());
        assertEquals("invalid client address \"hello\"", e.getMessage());
    }

    @Test
    void clientListIsRejectedWithoutForwarding() {
        InvalidLineException e = reject(COMMON, "198.51.100.4, 10.0.0.2 - - [17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\" 200 1");

        assertEquals(RejectCategory.CLIENT, e.category());
        assertEquals("invalid client address \"198.51.100.4, 10.0.0.2\"", e.getMessage());
    }

    @Test
    void invalidStatusIsRejected() {
        InvalidLineException e = reject(COMMON, "10.0.0.1 - - [17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\" 20x 1");

        assertEquals(RejectCategory.STATUS, e.category());
        assertEquals("invalid status \"20x\"", e.getMessage());
    }

    @Test
    void invalidLocalTimeIsRejected() {
        InvalidLineException e = reject(COMMON, "10.0.0.1 - - [17/Mai/2015:08:05:32 +0000] \"GET / HTTP/1.1\" 200 1");

        assertEquals(RejectCategory.TIME, e.category());
        assertEquals("invalid time \"17/Mai/2015:08:05:32 +0000\"", e.getMessage());
    }

    @Test
    void trailingTextIsRejected() {
        InvalidLineException e = reject(COMMON, "10.0.0.1 - - [17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\" 200 1 extra");

        assertEquals(RejectCategory.BODY_BYTES, e.category());
        InvalidLineException quoted = reject(COMBINED, "10.0.0.1 - - [17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\""
                + " 200 1 \"-\" \"-\" 0.003");
        assertEquals(RejectCategory.TRAILING_TEXT, quoted.category());
        assertEquals("unexpected text after user agent: \" 0.003\"", quoted.getMessage());
    }

    @Test
    void emptyLineIsRejected() {
        assertEquals(RejectCategory.EMPTY_LINE, reject(COMBINED, "").category());
    }

    @Test
    void lineInsideLargerBufferIsParsed() {
        byte[] bytes = "xx10.0.0.1 - - [17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\" 200 1yy"
                .getBytes(StandardCharsets.UTF_8);

        ParsedLine line = parser(COMMON).parse(bytes, 2, bytes.length - 2);

        assertEquals("10.0.0.1", line.client());
        assertEquals(1, line.bytes());
    }

    @Test
    void formatWithoutRemoteAddrNeedsResolver() {
        CompiledFormat format = LogFormatCompiler.compile("$http_x_forwarded_for [$time_local] $status");

        InvalidFormatException e = assertThrows(InvalidFormatException.class, () -> new LogFormatParser(format, null));

        assertTrue(e.getMessage().startsWith("the format has no $remote_addr variable"), e.getMessage());
    }

    @Test
    void clientComesFromForwardedFor() {
        ForwardedClientResolver resolver = new ForwardedClientResolver(List.of(CidrRange.parse("10.0.0.0/8")));
        LineParser parser = new LogFormatParser(LogFormatCompiler.compile(TIMED), resolver);
        byte[] bytes = ("10.0.0.3 - - [2015-05-17T08:05:32+01:00] \"GET / HTTP/1.1\" 200 1 0.001 - \"-\""
                + " \"198.51.100.4, 10.0.0.2\"").getBytes(StandardCharsets.UTF_8);

        assertEquals("198.51.100.4", parser.parse(bytes, 0, bytes.length).client());
    }

    @Test
    void clientListInRemoteAddrIsResolved() {
        ForwardedClientResolver resolver = new ForwardedClientResolver(List.of(CidrRange.parse("10.0.0.0/8")));
        LineParser parser = new LogFormatParser(LogFormatCompiler.compile(COMMON), resolver);
        byte[] bytes = "198.51.100.4, 10.0.0.2 - - [17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\" 200 1"
                .getBytes(StandardCharsets.UTF_8);

        assertEquals("198.51.100.4", parser.parse(bytes, 0, bytes.length).client());
    }

    @Test
    void sampleLinesMatchCombinedParser() throws IOException {
        LineParser compiled = parser(COMBINED);
        CombinedLogParser combined = new CombinedLogParser();
        List<String> lines = Files.readAllLines(Path.of("..", "samples", "access.log"), StandardCharsets.UTF_8);

        assertTrue(lines.size() > 1000, "sample has " + lines.size() + " lines");
        int rejected = 0;
        for (String text : lines) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            ParsedLine expected = parsedOrNull(combined, bytes);
            assertEquals(expected, parsedOrNull(compiled, bytes), text);
            rejected += expected == null ? 1 : 0;
        }
        assertTrue(rejected < lines.size() / 100, rejected + " sample lines rejected");
    }

    /** Returns the parsed line, or null when the parser rejects it; reasons may differ between the parsers. */
    private static ParsedLine parsedOrNull(LineParser parser, byte[] bytes) {
        try {
            return parser.parse(bytes, 0, bytes.length);
        } catch (InvalidLineException e) {
            return null;
        }
    }
}
