package org.logtally.ingest.tail;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Progress of backfill on one compressed rotated file, which is recognised by the fingerprint of
 * its first decompressed line, whatever its name is later.
 *
 * @param offset offset in the decompressed content up to which every line is settled by the broker
 * @param complete whether the file was read to its end
 */
@RegisterForReflection
public record BackfilledFile(
        String site,
        String path,
        String fileKey,
        String fingerprint,
        int fingerprintLength,
        long offset,
        boolean complete) {
}
