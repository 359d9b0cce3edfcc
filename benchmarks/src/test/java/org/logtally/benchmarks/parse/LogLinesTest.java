package org.logtally.benchmarks.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LogLinesTest {

    @TempDir
    Path dir;

    @Test
    void lastLineWithoutLineEndIsKept() throws IOException {
        LogLines lines = read("a\nbc\n\ndef");
        assertEquals(4, lines.size());
        assertEquals("a", text(lines, 0));
        assertEquals("bc", text(lines, 1));
        assertEquals("", text(lines, 2));
        assertEquals("def", text(lines, 3));
    }

    @Test
    void finalLineEndAddsNoLine() throws IOException {
        LogLines lines = read("a\nb\n");
        assertEquals(2, lines.size());
        assertEquals("b", text(lines, 1));
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.log"), "");
        IOException e = assertThrows(IOException.class, () -> LogLines.read(file));
        assertEquals(file + " contains no lines", e.getMessage());
    }

    private LogLines read(String content) throws IOException {
        return LogLines.read(Files.writeString(dir.resolve("access.log"), content));
    }

    private static String text(LogLines lines, int line) {
        return new String(lines.bytes(), lines.start(line), lines.end(line) - lines.start(line), StandardCharsets.UTF_8);
    }
}
