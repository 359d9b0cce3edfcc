package org.logtally.ingest.parse;

/** Parses one access log line of a fixed format. Implementations have no per-line state and are thread-safe. */
public interface LineParser {

    /**
     * Parses the bytes {@code [start, end)} of {@code bytes}, which hold one line without its line end.
     *
     * @throws InvalidLineException when the line does not match the format
     */
    ParsedLine parse(byte[] bytes, int start, int end);
}
