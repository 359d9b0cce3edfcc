package org.logtally.ingest.tail;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * The JSON document stored in the checkpoint file.
 *
 * @param files state of every file seen, including released ones
 * @param ended generations that ended by truncation or replacement, for recognising their copies
 * @param backfilled rotated files that backfill read to their end, so a restart skips them
 */
@RegisterForReflection
public record CheckpointFile(int version, List<Checkpoint> files, List<EndedGeneration> ended,
        List<BackfilledFile> backfilled) {

    static final int VERSION = 1;
}
