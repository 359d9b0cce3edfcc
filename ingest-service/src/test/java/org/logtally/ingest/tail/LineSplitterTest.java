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
    void carriageReturnBeforeNewlineIsDropped() {
        int[] consumed = new int[1];

        assertEquals(List.of("a", "b\rc", "\r"), lines("a\r\nb\rc\n\r\r\n", consumed));
        assertEquals(10, consumed[0]);
    }

    @Test
    void loneCarriageReturnLineIsEmpty() {
        int[] consumed = new int[1];

        assertEquals(List.of(""), lines("\r\n", consumed));
    }

    @Test
    void firstLineEndIsFound() {
        byte[] bytes = "ab\ncd\n".getBytes(StandardCharsets.UTF_8);

        assertEquals(2, LineSplitter.firstLineEnd(bytes, bytes.length));
        assertEquals(-1, LineSplitter.firstLineEnd(bytes, 2));
    }
}
