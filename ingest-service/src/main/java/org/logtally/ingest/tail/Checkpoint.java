package org.logtally.ingest.tail;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The durable part of a {@link FileState}: one entry of the checkpoint file.
 *
 * @param contentKey file key adopted from the content this file is a copy of, or null
 * @param offset offset up to which every line is settled by the broker
 * @param released whether the file was rotated away or deleted and is no longer read
 * @param skipPosition position up to which an over-long line at {@code offset} was skipped, or
 *        null. Its rejection is settled, so a restart skips on from there.
 * @param partialLineEnd offset just after a last line that was read without a line end, or null.
 *        A line end found there later belongs to that line.
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
        boolean released,
        Long skipPosition,
        Long partialLineEnd) {

    /** Creates a checkpoint without a skip position or partial-line marker. */
    Checkpoint(String site, String path, long device, long inode, long generation, String contentKey,
            String fingerprint, int fingerprintLength, long offset, boolean released) {
        this(site, path, device, inode, generation, contentKey, fingerprint, fingerprintLength, offset, released,
                null, null);
    }

    static Checkpoint of(FileState state) {
        return new Checkpoint(state.site, state.path, state.device, state.inode, state.generation,
                state.contentKey, state.fingerprint, state.fingerprintLength, state.offset, state.released,
                orNull(state.skipPosition), orNull(state.partialLineEnd));
    }

    private static Long orNull(long position) {
        return position >= 0 ? position : null;
    }

    FileState toState() {
        FileState state = new FileState(site, device, inode, path, generation);
        state.contentKey = contentKey;
        state.fingerprint = fingerprint;
        state.fingerprintLength = fingerprintLength;
        state.offset = offset;
        state.released = released;
        state.skipPosition = skipPosition != null ? skipPosition : -1;
        state.partialLineEnd = partialLineEnd != null ? partialLineEnd : -1;
        return state;
    }
}
