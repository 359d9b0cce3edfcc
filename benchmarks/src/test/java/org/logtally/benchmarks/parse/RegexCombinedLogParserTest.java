package org.logtally.benchmarks.parse;

import org.junit.jupiter.api.Test;
import org.logtally.ingest.parse.CombinedLogParser;
import org.logtally.ingest.parse.InvalidLineException;
import org.logtally.ingest.parse.ParsedLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark compares like with like only if the peer returns the same fields, so this
 * checks it against {@link CombinedLogParser} on every line of the bundled sample.
 */
class RegexCombinedLogParserTest {

    private static final Path SAMPLE = Path.of(System.getProperty("logtally.root", ".."), "samples/access.log");

    private final CombinedLogParser combined = new CombinedLogParser();
    private final RegexCombinedLogParser regex = new RegexCombinedLogParser();

    @Test
    void sampleLinesGiveSameFields() throws IOException {
        LogLines lines = LogLines.read(SAMPLE);
        int compared = 0;
        for (int i = 0; i < lines.size(); i++) {
            String text = new String(lines.bytes(), lines.start(i), lines.end(i) - lines.start(i), StandardCharsets.UTF_8);
            ParsedLine expected = parseOrNull(lines, i);
            if (expected == null || text.indexOf('\\') >= 0) {
                // The peer does not decode escapes; those lines are compared below.
                continue;
            }
            assertEquals(expected, regex.parse(lines.bytes(), lines.start(i), lines.end(i)), "line " + (i + 1) + ": " + text);
            compared++;
        }
        assertTrue(compared > 4000, "only " + compared + " lines compared");
    }

    @Test
    void invalidSampleLinesGiveNull() throws IOException {
        LogLines lines = LogLines.read(SAMPLE);
        List<String> rejected = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (parseOrNull(lines, i) == null) {
                rejected.add(new String(lines.bytes(), lines.start(i), lines.end(i) - lines.start(i), StandardCharsets.UTF_8));
                assertNull(regex.parse(lines.bytes(), lines.start(i), lines.end(i)), "line " + (i + 1));
            }
        }
        assertEquals(2, rejected.size(), "rejected lines: " + rejected);
    }

    @Test
    void escapedLineKeepsEscapes() {
        byte[] line = ("203.0.113.7 - - [19/Nov/2026:13:00:00 +0000] \"GET / HTTP/1.1\" 200 12 \"-\""
                + " \"agent \\\"quoted\\\"\"").getBytes(StandardCharsets.UTF_8);
        ParsedLine parsed = regex.parse(line, 0, line.length);
        assertEquals("agent \\\"quoted\\\"", parsed.userAgent());
        assertEquals("2026-11-19T13:00:00+00:00", parsed.time());
    }

    private ParsedLine parseOrNull(LogLines lines, int i) {
        try {
            return combined.parse(lines.bytes(), lines.start(i), lines.end(i));
        } catch (InvalidLineException e) {
            return null;
        }
    }
}
