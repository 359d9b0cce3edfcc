package org.logtally.ingest.tail;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The durable part of a {@link FileState}: one entry of the checkpoint file.
 *
 * @param offset offset up to which every line is settled by the broker
 */
@RegisterForReflection
public record Checkpoint(
        String site,
        String path,
        long device,
        long inode,
        long generation,
        String fingerprint,
        int fingerprintLength,
        long offset) {

    static Checkpoint of(FileState state) {
        return new Checkpoint(state.site, state.path, state.device, state.inode, state.generation,
                state.fingerprint, state.fingerprintLength, state.offset);
    }

    FileState toState() {
        FileState state = new FileState(site, device, inode, path, generation);
        state.fingerprint = fingerprint;
        state.fingerprintLength = fingerprintLength;
        state.offset = offset;
        return state;
    }
}
