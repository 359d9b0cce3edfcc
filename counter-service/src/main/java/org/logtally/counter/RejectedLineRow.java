package org.logtally.counter;

import org.logtally.event.InvalidMessageException;
import org.logtally.event.RejectedLine;

import java.util.UUID;

/** One rejected line as written to {@code rejected_line}. */
record RejectedLineRow(UUID id, String site, String file, long offset, String reason, byte[] raw) {

    /**
     * Checks a rejected line and derives its row.
     *
     * @throws InvalidMessageException when a field is missing, the offset is negative, or a text field contains
     *                                 NUL, which PostgreSQL text cannot store
     */
    static RejectedLineRow of(RejectedLine line) {
        UUID id = line.id();
        if (id == null) {
            throw new InvalidMessageException("a rejected line has no id");
        }
        if (line.offset() < 0) {
            throw invalid(id, "offset must not be negative, but is " + line.offset());
        }
        if (line.raw() == null) {
            throw invalid(id, "raw is missing");
        }
        byte[] raw;
        try {
            raw = line.raw().bytes();
        } catch (IllegalArgumentException e) {
            throw invalid(id, "raw.base64 is not valid Base64");
        }
        return new RejectedLineRow(id, text(id, "site", line.site()), text(id, "file", line.file()), line.offset(),
                text(id, "reason", line.reason()), raw);
    }

    private static String text(UUID id, String field, String value) {
        if (value == null) {
            throw invalid(id, field + " is missing");
        }
        if (value.indexOf('\u0000') >= 0) {
            throw invalid(id, field + " contains a NUL character");
        }
        return value;
    }

    private static InvalidMessageException invalid(UUID id, String reason) {
        return new InvalidMessageException("rejected line " + id + ": " + reason);
    }
}
