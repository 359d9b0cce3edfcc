package org.logtally.ingest.parse;

import org.junit.jupiter.api.Test;
import org.logtally.ingest.parse.FormatElement.Field;
import org.logtally.ingest.parse.FormatElement.Literal;
import org.logtally.ingest.parse.FormatElement.Scan;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogFormatCompilerTest {

    private static InvalidFormatException reject(String format) {
        return assertThrows(InvalidFormatException.class, () -> LogFormatCompiler.compile(format));
    }

    private static Field field(CompiledFormat format, int index) {
        return assertInstanceOf(Field.class, format.elements().get(index));
    }

    @Test
    void combinedSplitsIntoLiteralsAndFields() {
        CompiledFormat format = LogFormatCompiler.compile(
                "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
                        + " \"$http_referer\" \"$http_user_agent\"");
        List<FormatElement> elements = format.elements();

        assertEquals(16, elements.size());
        assertEquals(Variable.REMOTE_ADDR, field(format, 0).variable());
        assertEquals(Scan.TO_LITERAL, field(format, 0).scan());
        assertEquals(" - ", assertInstanceOf(Literal.class, elements.get(1)).text());
        assertEquals(Scan.TO_LITERAL, field(format, 4).scan());
        assertEquals(Variable.REQUEST, field(format, 6).variable());
        assertEquals(Scan.QUOTED, field(format, 6).scan());
        assertEquals(Scan.TO_LITERAL, field(format, 8).scan());
        assertEquals(Scan.QUOTED, field(format, 14).scan());
        assertEquals("\"", assertInstanceOf(Literal.class, elements.get(15)).text());
        assertTrue(format.hasRemoteAddr());
        assertFalse(format.hasForwardedFor());
    }

    @Test
    void timeBeforeSpaceIsReadByLength() {
        CompiledFormat format = LogFormatCompiler.compile("$time_local $remote_addr $status");

        assertEquals(Scan.FIXED, field(format, 0).scan());
        assertEquals(Scan.TO_LITERAL, field(format, 2).scan());
        assertEquals(Scan.TO_END, field(format, 4).scan());
    }

    @Test
    void upstreamVariablesAreLists() {
        CompiledFormat format = LogFormatCompiler.compile(
                "$remote_addr [$time_iso8601] $status $upstream_response_time $upstream_addr $upstream_http_server");

        assertEquals(Scan.UPSTREAM_LIST, field(format, 6).scan());
        assertEquals(Variable.UPSTREAM_RESPONSE_TIME, field(format, 6).variable());
        assertEquals(Scan.UPSTREAM_LIST, field(format, 8).scan());
        assertEquals(Variable.OTHER_UPSTREAM_LIST, field(format, 8).variable());
        assertEquals(Variable.OTHER, field(format, 10).variable());
        assertEquals(Scan.TO_END, field(format, 10).scan());
    }

    @Test
    void bracedVariableNameEndsAtBrace() {
        CompiledFormat format = LogFormatCompiler.compile("${remote_addr}_x [$time_local] ${status}ok");

        assertEquals("remote_addr", field(format, 0).name());
        assertEquals("_x [", assertInstanceOf(Literal.class, format.elements().get(1)).text());
        assertEquals(Variable.STATUS, field(format, 4).variable());
        assertEquals("ok", assertInstanceOf(Literal.class, format.elements().get(5)).text());
    }

    @Test
    void fixedLengthVariablesMayTouch() {
        CompiledFormat format = LogFormatCompiler.compile("$remote_addr $time_iso8601$status$request_time");

        assertEquals(Scan.FIXED, field(format, 2).scan());
        assertEquals(Scan.FIXED, field(format, 3).scan());
        assertEquals(Scan.TO_END, field(format, 4).scan());
    }

    @Test
    void formatWithoutTimeIsRejected() {
        InvalidFormatException e = reject("$remote_addr \"$request\" $status");

        assertEquals("the format has no time variable: add $time_local or $time_iso8601", e.getMessage());
    }

    @Test
    void formatWithoutStatusIsRejected() {
        assertEquals("the format has no $status variable", reject("$remote_addr [$time_local]").getMessage());
    }

    @Test
    void formatWithoutClientIsRejected() {
        assertEquals("the format has no client variable: add $remote_addr",
                reject("[$time_local] $status").getMessage());
    }

    @Test
    void adjacentVariablesAreRejected() {
        InvalidFormatException e = reject("$remote_addr$remote_user [$time_local] $status");

        assertEquals("$remote_addr and $remote_user have no text between them, so the end of the"
                + " $remote_addr value cannot be found", e.getMessage());
    }

    @Test
    void dollarWithoutNameIsRejected() {
        assertEquals("the \"$\" at index 13 is not followed by a variable name",
                reject("$remote_addr $ [$time_local] $status").getMessage());
    }

    @Test
    void unclosedBraceIsRejected() {
        assertEquals("the \"${\" at index 0 has no closing \"}\"",
                reject("${remote_addr [$time_local] $status").getMessage());
    }

    @Test
    void emptyBracesAreRejected() {
        assertEquals("the \"$\" at index 13 is not followed by a variable name",
                reject("$remote_addr ${} [$time_local] $status").getMessage());
    }

    @Test
    void literalReasonNamesNextField() {
        CompiledFormat format = LogFormatCompiler.compile("$remote_addr [$time_local] $status;");
        Literal bracket = assertInstanceOf(Literal.class, format.elements().get(1));
        Literal end = assertInstanceOf(Literal.class, format.elements().get(5));

        assertEquals(RejectCategory.TIME, bracket.category());
        assertEquals("missing \" [\" before time", bracket.missingReason());
        assertEquals(RejectCategory.STATUS, end.category());
        assertEquals("missing \";\" after status", end.missingReason());
    }
}
