package org.logtally.ingest.tail;

import org.logtally.event.RejectedLine;
import org.logtally.ingest.parse.RejectCategory;

import java.util.List;

/**
 * The complete lines of one read, parsed and encoded into message bodies.
 *
 * @param consumed bytes up to and including the last line end, after which a partial line may follow
 * @param firstLineLength length of the chunk's first line including its line end, 0 when none is complete
 */
record Chunk(
        int lines,
        int events,
        List<Rejection> rejections,
        List<String> eventBodies,
        List<String> rejectedBodies,
        int consumed,
        int firstLineLength) {

    /** A rejected line with the field at which it failed, for the metric tag. */
    record Rejection(RejectedLine line, RejectCategory category) {
    }
}
