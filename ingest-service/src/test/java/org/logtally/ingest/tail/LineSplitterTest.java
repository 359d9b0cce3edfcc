package org.logtally.ingest.tail;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineSplitterTest {

    private static List<String> lines(String text, int[] consumed) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        consumed[0] = LineSplitter.split(bytes, bytes.length,
                (start, end) -> lines.add(new String(bytes, start, end - start, StandardCharsets.UTF_8)));
        return lines;
    }

    @Test
    void completeLinesAreSplit() {
        int[] consumed = new int[1];

        assertEquals(List.of("a", "bc", ""), lines("a\nbc\n\n", consumed));
        assertEquals(6, consumed[0]);
    }

    @Test
    void partialLastLineWaits() {
        int[] consumed = new int[1];

        assertEquals(List.of("a"), lines("a\nbc", consumed));
        assertEquals(2, consumed[0]);
    }

    @Test
    void noLineEndConsumesNothing() {
        int[] consumed = new int[1];

        assertEquals(List.of(), lines("abc", consumed));
        assertEquals(0, consumed[0]);
    }

    @Test
    void crlfAndLoneCarriageReturnEndLines() {
        int[] consumed = new int[1];

        assertEquals(List.of("a", "b", "c", "", "", "d"), lines("a\r\nb\rc\n\r\r\nd\n", consumed));
        assertEquals(12, consumed[0]);
    }

    @Test
    void trailingCarriageReturnWaitsForNextByte() {
        int[] consumed = new int[1];

        assertEquals(List.of("a"), lines("a\nb\r", consumed));
        assertEquals(2, consumed[0]);
    }

    @Test
    void endOfInputReadsLastLine() {
        byte[] bytes = "a\nb\r".getBytes(StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();

        int consumed = LineSplitter.split(bytes, bytes.length, true,
                (start, end) -> lines.add(new String(bytes, start, end - start, StandardCharsets.UTF_8)));

        assertEquals(List.of("a", "b"), lines);
        assertEquals(4, consumed);
    }

    @Test
    void loneCarriageReturnLineIsEmpty() {
        int[] consumed = new int[1];

        assertEquals(List.of(""), lines("\r\n", consumed));
    }

    @Test
    void firstLineEndIsFound() {
        byte[] bytes = "ab\ncd\n".getBytes(StandardCharsets.UTF_8);
        byte[] crlf = "ab\r\ncd".getBytes(StandardCharsets.UTF_8);

        assertEquals(3, LineSplitter.firstLineEnd(bytes, bytes.length));
        assertEquals(-1, LineSplitter.firstLineEnd(bytes, 2));
        assertEquals(4, LineSplitter.firstLineEnd(crlf, crlf.length));
        assertEquals(-1, LineSplitter.firstLineEnd(crlf, 3));
    }
}
