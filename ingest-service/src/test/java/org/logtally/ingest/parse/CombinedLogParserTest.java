package org.logtally.ingest.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CombinedLogParserTest {

    private final CombinedLogParser parser = new CombinedLogParser();

    private ParsedLine parse(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, 0, bytes.length);
    }

    private InvalidLineException reject(String line) {
        return assertThrows(InvalidLineException.class, () -> parse(line));
    }

    @Test
    void ipv4LineFromSample() {
        ParsedLine line = parse("93.180.71.3 - - [17/May/2015:08:05:32 +0000] \"GET /downloads/product_1 HTTP/1.1\""
                + " 304 0 \"-\" \"Debian APT-HTTP/1.3 (0.8.16~exp12ubuntu10.21)\"");

        assertEquals("93.180.71.3", line.client());
        assertNull(line.user());
        assertEquals("2015-05-17T08:05:32+00:00", line.time());
        assertEquals("GET", line.method());
        assertEquals("/downloads/product_1", line.path());
        assertEquals("HTTP/1.1", line.protocol());
        assertEquals(304, line.status());
        assertEquals(0, line.bytes());
        assertNull(line.referer());
        assertEquals("Debian APT-HTTP/1.3 (0.8.16~exp12ubuntu10.21)", line.userAgent());
    }

    @Test
    void ipv6LineFromSample() {
        ParsedLine line = parse("2a01:7e00::f03c:91ff:fe70:a4cc - - [18/May/2015:16:05:29 +0000]"
                + " \"GET /downloads/product_1 HTTP/1.1\" 200 86166026 \"-\" \"Wget/1.15 (linux-gnu)\"");

        assertEquals("2a01:7e00::f03c:91ff:fe70:a4cc", line.client());
        assertEquals(200, line.status());
        assertEquals(86166026, line.bytes());
        assertEquals("Wget/1.15 (linux-gnu)", line.userAgent());
    }

    @Test
    void dashUserAgentIsNull() {
        ParsedLine line = parse("217.168.17.5 - - [17/May/2015:08:05:12 +0000] \"GET /downloads/product_2 HTTP/1.1\""
                + " 200 3316 \"-\" \"-\"");

        assertNull(line.referer());
        assertNull(line.userAgent());
        assertEquals(3316, line.bytes());
    }

    @Test
    void userRefererAndDashBodyBytes() {
        ParsedLine line = parse("10.0.0.1 - alice [01/Jan/2020:00:00:00 +0000] \"POST /login?next=%2F HTTP/2.0\""
                + " 302 - \"https://example.org/a b\" \"curl/8.0\"");

        assertEquals("alice", line.user());
        assertEquals("POST", line.method());
        assertEquals("/login?next=%2F", line.path());
        assertEquals("HTTP/2.0", line.protocol());
        assertEquals(0, line.bytes());
        assertEquals("https://example.org/a b", line.referer());
    }

    @Test
    void escapesAreDecoded() {
        ParsedLine line = parse("10.0.0.1 - - [01/Jan/2020:00:00:00 +0000] \"GET /caf\\xC3\\xA9 HTTP/1.1\" 200 1"
                + " \"-\" \"say \\\"hi\\\" \\\\ \\x22ok\\x22\"");

        assertEquals("/café", line.path());
        assertEquals("say \"hi\" \\ \"ok\"", line.userAgent());
    }

    @Test
    void unknownEscapeIsKept() {
        ParsedLine line = parse("10.0.0.1 - - [01/Jan/2020:00:00:00 +0000] \"GET /a HTTP/1.1\" 200 1 \"-\" \"a\\qb\\x4\"");

        assertEquals("a\\qb\\x4", line.userAgent());
    }

    @Test
    void tlsJunkRequestIsHitWithoutRequestParts() {
        ParsedLine line = parse("192.0.2.7 - - [17/May/2015:10:05:00 +0000]"
                + " \"\\x16\\x03\\x01\\x00\\xA5\\x01\\x00\\x00\\xA1\\x03\\x03\" 400 166 \"-\" \"-\"");

        assertNull(line.method());
        assertNull(line.path());
        assertNull(line.protocol());
        assertEquals(400, line.status());
        assertEquals(166, line.bytes());
    }

    @Test
    void emptyAndDashRequestsAreHits() {
        ParsedLine empty = parse("192.0.2.7 - - [17/May/2015:10:05:00 +0000] \"\" 400 0 \"-\" \"-\"");
        ParsedLine dash = parse("192.0.2.7 - - [17/May/2015:10:05:00 +0000] \"-\" 408 0 \"-\" \"-\"");

        assertNull(empty.method());
        assertEquals(400, empty.status());
        assertNull(dash.method());
        assertEquals(408, dash.status());
    }

    @Test
    void http09RequestHasNoProtocol() {
        ParsedLine line = parse("192.0.2.7 - - [17/May/2015:10:05:00 +0000] \"GET /\" 200 10 \"-\" \"-\"");

        assertEquals("GET", line.method());
        assertEquals("/", line.path());
        assertNull(line.protocol());
    }

    @Test
    void lowercaseMethodIsNotRequest() {
        ParsedLine line = parse("192.0.2.7 - - [17/May/2015:10:05:00 +0000] \"get / HTTP/1.1\" 400 10 \"-\" \"-\"");

        assertNull(line.method());
        assertNull(line.path());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "17/May/2015:08:05:32 +0000 | 2015-05-17T08:05:32+00:00",
        "01/Jan/2020:23:59:59 -0530 | 2020-01-01T23:59:59-05:30",
        "29/Feb/2024:00:00:00 +1400 | 2024-02-29T00:00:00+14:00",
        "31/Dec/1999:12:30:45 +0100 | 1999-12-31T12:30:45+01:00",
    })
    void timeKeepsItsOffset(String timeLocal, String iso) {
        ParsedLine line = parse("10.0.0.1 - - [" + timeLocal + "] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"");

        assertEquals(iso, line.time());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "29/Feb/2023:00:00:00 +0000",
        "31/Apr/2015:00:00:00 +0000",
        "00/May/2015:00:00:00 +0000",
        "17/Mai/2015:00:00:00 +0000",
        "17/May/2015:24:00:00 +0000",
        "17/May/2015:08:60:00 +0000",
        "17/May/2015:08:05:60 +0000",
        "17/May/2015:08:05:32 0000",
        "17/May/2015:08:05:32 *0000",
        "17/May/2015 08:05:32 +0000",
        "17/May/2015:08:05:32 +0",
    })
    void invalidTimeIsRejected(String timeLocal) {
        InvalidLineException e = reject("10.0.0.1 - - [" + timeLocal + "] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"");

        assertEquals(RejectCategory.TIME, e.category());
        assertEquals("invalid time \"" + timeLocal + "\"", e.getMessage());
    }

    @Test
    void badStatusIsRejected() {
        InvalidLineException e = reject("10.0.0.1 - - [17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\" abc 1 \"-\" \"-\"");

        assertEquals(RejectCategory.STATUS, e.category());
        assertEquals("invalid status \"abc\"", e.getMessage());
    }

    @Test
    void fourDigitStatusIsRejected() {
        InvalidLineException e = reject("10.0.0.1 - - [17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\" 2000 1 \"-\" \"-\"");

        assertEquals("invalid status \"2000\"", e.getMessage());
    }

    @Test
    void badBodyBytesIsRejected() {
        InvalidLineException e = reject("10.0.0.1 - - [17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\" 200 12x \"-\" \"-\"");

        assertEquals(RejectCategory.BODY_BYTES, e.category());
        assertEquals("invalid body bytes \"12x\"", e.getMessage());
    }

    @Test
    void missingOpeningBracketIsRejected() {
        InvalidLineException e = reject("10.0.0.1 - - 17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"");

        assertEquals(RejectCategory.TIME, e.category());
        assertEquals("missing opening bracket of time", e.getMessage());
    }

    @Test
    void missingClosingBracketIsRejected() {
        InvalidLineException e = reject("10.0.0.1 - - [17/May/2015:08:05:32 +0000 \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"");

        assertEquals("missing closing bracket of time", e.getMessage());
    }

    @Test
    void truncatedLineIsRejected() {
        InvalidLineException e = reject("93.180.71.3 - - [17/May/2015:08:05:32 +0000] \"GET /downloads/product_1 HTTP/1.1\""
                + " 304 0 \"-\" \"Debian APT-HTTP/1.3 (0.8.16~exp1");

        assertEquals(RejectCategory.USER_AGENT, e.category());
        assertEquals("missing closing quote of user agent", e.getMessage());
    }

    @Test
    void lineCutInRequestIsRejected() {
        InvalidLineException e = reject("93.180.71.3 - - [17/May/2015:08:05:32 +0000] \"GET /downloads/pro");

        assertEquals(RejectCategory.REQUEST, e.category());
        assertEquals("missing closing quote of request", e.getMessage());
    }

    @Test
    void invalidClientIsRejected() {
        InvalidLineException e = reject("hello world");

        assertEquals(RejectCategory.CLIENT, e.category());
        assertEquals("invalid client address \"hello\"", e.getMessage());
    }

    @Test
    void emptyLineIsRejected() {
        assertEquals(RejectCategory.EMPTY_LINE, reject("").category());
    }

    @Test
    void trailingTextIsRejected() {
        InvalidLineException e = reject("10.0.0.1 - - [17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\" 0.003");

        assertEquals(RejectCategory.TRAILING_TEXT, e.category());
        assertEquals("unexpected text after user agent: \" 0.003\"", e.getMessage());
    }

    @Test
    void longValueIsShortenedInReason() {
        String status = "x".repeat(100);
        InvalidLineException e = reject("10.0.0.1 - - [17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\" " + status
                + " 1 \"-\" \"-\"");

        assertEquals("invalid status \"" + "x".repeat(40) + "\"...", e.getMessage());
    }

    @Test
    void lineInsideLargerBufferIsParsed() {
        byte[] bytes = "xx10.0.0.1 - - [17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"yy"
                .getBytes(StandardCharsets.UTF_8);

        ParsedLine line = parser.parse(bytes, 2, bytes.length - 2);

        assertEquals("10.0.0.1", line.client());
        assertNull(line.userAgent());
    }
}
