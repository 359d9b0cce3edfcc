package org.logtally.ingest.tail;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** The JSON document stored in the checkpoint file. */
@RegisterForReflection
public record CheckpointFile(int version, List<Checkpoint> files) {

    static final int VERSION = 1;
}
