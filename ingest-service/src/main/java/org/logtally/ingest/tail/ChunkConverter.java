package org.logtally.ingest.tail;

import org.logtally.event.EventIds;
import org.logtally.event.LogEvent;
import org.logtally.event.RawLine;
import org.logtally.event.RejectedLine;
import org.logtally.ingest.parse.InvalidLineException;
import org.logtally.ingest.parse.LineParser;
import org.logtally.ingest.parse.ParsedLine;
import org.logtally.ingest.parse.RejectCategory;
import org.logtally.ingest.parse.SiteParsers;
import org.logtally.ingest.publish.BatchEncoder;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Turns the bytes of one read into events, rejected lines and their message bodies. */
final class ChunkConverter {

    /** Bytes of an over-long line kept in its rejected-line message. */
    static final int LONG_LINE_KEPT_BYTES = 4096;

    private final BatchEncoder encoder;
    private final SiteParsers parsers;
    private final int maxLineLength;

    ChunkConverter(BatchEncoder encoder, SiteParsers parsers, int maxLineLength) {
        this.encoder = encoder;
        this.parsers = parsers;
        this.maxLineLength = maxLineLength;
    }

    /**
     * Converts the complete lines of {@code bytes}, which were read at {@code baseOffset} of the
     * file. Event ids come from the site, {@code fileKey} and each line's offset. With
     * {@code endOfInput}, the bytes after the last line end are converted as a last line too.
     */
    Chunk convert(String site, String path, String fileKey, long baseOffset, byte[] bytes, boolean endOfInput) {
        LineParser parser = parsers.forSite(site);
        List<LogEvent> events = new ArrayList<>();
        List<Chunk.Rejection> rejections = new ArrayList<>();
        int consumed = LineSplitter.split(bytes, bytes.length, endOfInput, (start, end) -> {
            long offset = baseOffset + start;
            UUID id = EventIds.of(site, fileKey, offset);
            if (end - start > maxLineLength) {
                rejections.add(longLine(site, path, id, offset, bytes, start, end - start));
                return;
            }
            RawLine raw = RawLine.of(bytes, start, end - start);
            try {
                ParsedLine line = parser.parse(bytes, start, end);
                events.add(new LogEvent(id, site, path, offset, line.time(), line.client(), line.user(),
                        line.method(), line.path(), line.protocol(), line.status(), line.bytes(),
                        line.referer(), line.userAgent(), raw));
            } catch (InvalidLineException e) {
                rejections.add(new Chunk.Rejection(new RejectedLine(id, site, path, offset, e.getMessage(), raw),
                        e.category()));
            }
        });
        int firstLineEnd = LineSplitter.firstLineEnd(bytes, bytes.length);
        if (firstLineEnd < 0 && consumed > 0) {
            // The only line is the last line of the input, which has no line end.
            firstLineEnd = consumed;
        }
        return new Chunk(events.size() + rejections.size(), events.size(), rejections,
                encoder.encodeEvents(events), encodeRejected(rejections), consumed, Math.max(0, firstLineEnd));
    }

    /**
     * Builds the rejection of a line longer than the maximum line length that starts at
     * {@code offset} and whose first bytes are {@code start}.
     */
    Chunk rejectLongLine(String site, String path, String fileKey, long offset, byte[] start) {
        UUID id = EventIds.of(site, fileKey, offset);
        List<Chunk.Rejection> rejections = List.of(longLine(site, path, id, offset, start, 0, start.length));
        return new Chunk(1, 0, rejections, List.of(), encodeRejected(rejections), 0, 0);
    }

    /** Builds a rejection whose raw text contains only the first {@value #LONG_LINE_KEPT_BYTES} bytes. */
    private Chunk.Rejection longLine(String site, String path, UUID id, long offset, byte[] bytes, int start,
            int length) {
        int keptLength = Math.min(length, LONG_LINE_KEPT_BYTES);
        RejectedLine line = new RejectedLine(id, site, path, offset, "line longer than " + maxLineLength
                + " bytes (logtally.ingest.max-line-length), raw contains its first " + keptLength + " bytes",
                RawLine.of(bytes, start, keptLength));
        return new Chunk.Rejection(line, RejectCategory.LINE_TOO_LONG);
    }

    private List<String> encodeRejected(List<Chunk.Rejection> rejections) {
        List<RejectedLine> lines = new ArrayList<>(rejections.size());
        for (Chunk.Rejection rejection : rejections) {
            lines.add(rejection.line());
        }
        return encoder.encodeRejected(lines);
    }
}
