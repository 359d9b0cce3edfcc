package org.logtally.ingest.tail;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Content that was at a file's identity until the file was truncated or replaced. A copy of it,
 * such as the {@code access.log.1} of logrotate's copytruncate, is recognised by the
 * fingerprint and read on from {@code offset} with the same {@code fileKey}, so the lines that
 * were not read before the truncation keep the ids they would have had.
 *
 * @param offset offset up to which every line of this content is settled by the broker
 */
@RegisterForReflection
public record EndedGeneration(
        String site,
        String fileKey,
        String path,
        String fingerprint,
        int fingerprintLength,
        long offset) {
}
