package org.logtally.benchmarks.pipeline;

import org.logtally.benchmarks.parse.LogLines;
import org.logtally.event.EventIds;
import org.logtally.event.LogEvent;
import org.logtally.event.RawLine;
import org.logtally.ingest.parse.CombinedLogParser;
import org.logtally.ingest.parse.ParsedLine;
import org.logtally.ingest.publish.BatchEncoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a log file into the message bodies that ingest-service would publish for it: parsed
 * with its parser and grouped by its {@link BatchEncoder}, so the counter-only runs receive
 * the same messages as the end-to-end runs.
 */
final class EventBodies {

    private EventBodies() {
    }

    /** Encodes every line of {@code lines} as events of {@code site}, {@code batchSize} events per body at most. */
    static List<byte[]> encode(LogLines lines, String site, String file, String fileKey, int batchSize) {
        CombinedLogParser parser = new CombinedLogParser();
        BatchEncoder encoder = new BatchEncoder(batchSize);
        List<byte[]> bodies = new ArrayList<>();
        List<LogEvent> batch = new ArrayList<>(batchSize);
        for (int i = 0; i < lines.size(); i++) {
            int start = lines.start(i);
            int end = lines.end(i);
            ParsedLine line = parser.parse(lines.bytes(), start, end);
            batch.add(new LogEvent(EventIds.of(site, fileKey, start), site, file, start, line.time(), line.client(),
                    line.user(), line.method(), line.path(), line.protocol(), line.status(), line.bytes(),
                    line.referer(), line.userAgent(), RawLine.of(lines.bytes(), start, end - start)));
            if (batch.size() == batchSize || i == lines.size() - 1) {
                for (String body : encoder.encodeEvents(batch)) {
                    bodies.add(body.getBytes(StandardCharsets.UTF_8));
                }
                batch.clear();
            }
        }
        return bodies;
    }
}
