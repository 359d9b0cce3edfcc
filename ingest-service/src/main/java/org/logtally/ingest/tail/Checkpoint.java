package org.logtally.ingest.tail;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The durable part of a {@link FileState}: one entry of the checkpoint file.
 *
 * @param contentKey file key adopted from the content this file is a copy of, or null
 * @param offset offset up to which every line is settled by the broker
 * @param released whether the file was rotated away or deleted and is no longer read
 */
@RegisterForReflection
public record Checkpoint(
        String site,
        String path,
        long device,
        long inode,
        long generation,
        String contentKey,
        String fingerprint,
        int fingerprintLength,
        long offset,
        boolean released) {

    static Checkpoint of(FileState state) {
        return new Checkpoint(state.site, state.path, state.device, state.inode, state.generation,
                state.contentKey, state.fingerprint, state.fingerprintLength, state.offset, state.released);
    }

    FileState toState() {
        FileState state = new FileState(site, device, inode, path, generation);
        state.contentKey = contentKey;
        state.fingerprint = fingerprint;
        state.fingerprintLength = fingerprintLength;
        state.offset = offset;
        state.released = released;
        return state;
    }
}
