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

    ChunkConverter(BatchEncoder encoder, SiteParsers parsers) {
        this.encoder = encoder;
        this.parsers = parsers;
    }

    /**
     * Converts the complete lines of {@code bytes}, which were read at {@code baseOffset} of the
     * file. Event ids come from the site, {@code fileKey} and each line's offset.
     */
    Chunk convert(String site, String path, String fileKey, long baseOffset, byte[] bytes) {
        LineParser parser = parsers.forSite(site);
        List<LogEvent> events = new ArrayList<>();
        List<Chunk.Rejection> rejections = new ArrayList<>();
        int consumed = LineSplitter.split(bytes, bytes.length, (start, end) -> {
            long offset = baseOffset + start;
            UUID id = EventIds.of(site, fileKey, offset);
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
        return new Chunk(events.size() + rejections.size(), events.size(), rejections,
                encoder.encodeEvents(events), encodeRejected(rejections), consumed, firstLineEnd + 1);
    }

    /**
     * Builds the rejection of a line longer than {@code maxLength} bytes that starts at
     * {@code offset}. Its raw text contains only the first {@value #LONG_LINE_KEPT_BYTES} bytes.
     */
    Chunk rejectLongLine(String site, String path, String fileKey, long offset, byte[] start, int maxLength) {
        int keptLength = Math.min(start.length, LONG_LINE_KEPT_BYTES);
        RejectedLine line = new RejectedLine(EventIds.of(site, fileKey, offset), site, path, offset,
                "line longer than " + maxLength + " bytes (logtally.ingest.read-size), raw contains its first "
                        + keptLength + " bytes",
                RawLine.of(start, 0, keptLength));
        List<Chunk.Rejection> rejections = List.of(new Chunk.Rejection(line, RejectCategory.LINE_TOO_LONG));
        return new Chunk(1, 0, rejections, List.of(), encodeRejected(rejections), 0, 0);
    }

    private List<String> encodeRejected(List<Chunk.Rejection> rejections) {
        List<RejectedLine> lines = new ArrayList<>(rejections.size());
        for (Chunk.Rejection rejection : rejections) {
            lines.add(rejection.line());
        }
        return encoder.encodeRejected(lines);
    }
}
