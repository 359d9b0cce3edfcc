package org.logtally.event;

import java.util.UUID;

/**
 * A line that ingest-service read but could not parse.
 *
 * @param id     stable id of this line occurrence, the same kind as {@link LogEvent#id()}
 * @param site   name of the configured source
 * @param file   path of the file
 * @param offset byte offset of the first byte of the line
 * @param reason why the line was rejected, for example {@code invalid status: "abc"}
 * @param raw    the line without its line end
 */
public record RejectedLine(UUID id, String site, String file, long offset, String reason, RawLine raw) {
}
