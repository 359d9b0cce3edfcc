package org.logtally.benchmarks.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An access log file read into memory once, with the bounds of each line. Line ends
 * ({@code \n}) are not part of a line.
 */
public final class LogLines {

    private final byte[] bytes;
    private final int[] starts;
    private final int[] ends;

    private LogLines(byte[] bytes, int[] starts, int[] ends) {
        this.bytes = bytes;
        this.starts = starts;
        this.ends = ends;
    }

    /** Reads {@code file} and splits it at each {@code \n}; a last line without one is kept. */
    public static LogLines read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int[] starts = new int[1024];
        int[] ends = new int[1024];
        int count = 0;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length && start == bytes.length) {
                break;
            }
            if (i == bytes.length || bytes[i] == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                    ends = Arrays.copyOf(ends, count * 2);
                }
                starts[count] = start;
                ends[count] = i;
                count++;
                start = i + 1;
            }
        }
        if (count == 0) {
            throw new IOException(file + " contains no lines");
        }
        return new LogLines(bytes, Arrays.copyOf(starts, count), Arrays.copyOf(ends, count));
    }

    public int size() {
        return starts.length;
    }

    /** The whole file; line {@code i} is {@code [start(i), end(i))}. */
    public byte[] bytes() {
        return bytes;
    }

    public int start(int line) {
        return starts[line];
    }

    public int end(int line) {
        return ends[line];
    }
}
