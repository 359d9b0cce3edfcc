package org.logtally.ingest.tail;

/**
 * Splits bytes into lines. A line ends with {@code \n}, {@code \r\n} or a {@code \r} that is
 * not followed by {@code \n}. A {@code \r} as the last byte waits for the next byte, because
 * it may be the first half of {@code \r\n}. Bytes after the last line end are a partial line.
 */
public final class LineSplitter {

    /** Receives the bounds of one line, without its line end. */
    @FunctionalInterface
    public interface LineHandler {
        void line(int start, int end);
    }

    private LineSplitter() {
    }

    /**
     * Calls {@code handler} for each complete line in {@code bytes[0, length)}.
     *
     * @return the number of bytes up to and including the last line end, 0 when there is none
     */
    public static int split(byte[] bytes, int length, LineHandler handler) {
        return split(bytes, length, false, handler);
    }

    /**
     * Calls {@code handler} for each line in {@code bytes[0, length)}. With {@code endOfInput},
     * a trailing {@code \r} counts as a line end and the bytes after the last line end as a
     * last line, so the whole input is consumed.
     *
     * @return the number of bytes consumed
     */
    public static int split(byte[] bytes, int length, boolean endOfInput, LineHandler handler) {
        int lineStart = 0;
        while (lineStart < length) {
            int terminator = terminatorStart(bytes, lineStart, length);
            if (terminator < 0) {
                break;
            }
            int next = terminatorEnd(bytes, terminator, length, endOfInput);
            if (next < 0) {
                break;
            }
            handler.line(lineStart, terminator);
            lineStart = next;
        }
        if (endOfInput && lineStart < length) {
            handler.line(lineStart, length);
            return length;
        }
        return lineStart;
    }

    /**
     * Returns the index just after the end of the first line in {@code bytes[0, length)}, or -1
     * when there is no complete line.
     */
    public static int firstLineEnd(byte[] bytes, int length) {
        int terminator = terminatorStart(bytes, 0, length);
        return terminator < 0 ? -1 : terminatorEnd(bytes, terminator, length, false);
    }

    private static int terminatorStart(byte[] bytes, int from, int length) {
        for (int i = from; i < length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** Returns the index after the line end that starts at {@code index}, or -1 when the next byte decides it. */
    private static int terminatorEnd(byte[] bytes, int index, int length, boolean endOfInput) {
        if (bytes[index] == '\n') {
            return index + 1;
        }
        if (index + 1 < length) {
            return bytes[index + 1] == '\n' ? index + 2 : index + 1;
        }
        return endOfInput ? index + 1 : -1;
    }
}
