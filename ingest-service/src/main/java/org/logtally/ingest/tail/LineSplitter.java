package org.logtally.ingest.tail;

/**
 * Splits bytes into lines ended by {@code \n}, with an optional {@code \r} before it. Bytes
 * after the last {@code \n} are a partial line that waits for its line end.
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
     * @return the number of bytes up to and including the last {@code \n}, 0 when there is none
     */
    public static int split(byte[] bytes, int length, LineHandler handler) {
        int lineStart = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                int end = i > lineStart && bytes[i - 1] == '\r' ? i - 1 : i;
                handler.line(lineStart, end);
                lineStart = i + 1;
            }
        }
        return lineStart;
    }

    /** Returns the index of the first {@code \n} in {@code bytes[0, length)}, or -1. */
    public static int firstLineEnd(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
