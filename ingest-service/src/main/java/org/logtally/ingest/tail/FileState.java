package org.logtally.ingest.tail;

/**
 * Tailing state of one file of one site. The identity is the device and inode, so a renamed
 * file keeps its state, and {@link #generation} counts the times its content was replaced.
 * Only the poll in progress changes the fields. {@link #size} and {@link #offset} are volatile
 * because the lag gauge reads them from other threads.
 */
final class FileState {

    final String site;
    final long device;
    final long inode;
    String path;
    long generation;
    /**
     * File key of the content this file is a copy of, or null when the content is its own. Set
     * when the first line matches content read under another identity, for example the copy
     * that logrotate's copytruncate makes.
     */
    String contentKey;
    /** SHA-256 of the first line including its line end, or null before that line is confirmed. */
    String fingerprint;
    /** Length of the fingerprinted first line in bytes, including its line end. */
    int fingerprintLength;
    /** Offset up to which every line is published and settled by the broker. */
    volatile long offset;
    /** Size at the last scan. */
    volatile long size;
    /** Whether the last scan found this file at one of the site's paths. */
    boolean present;
    /**
     * Whether the file was found by its identity outside the site's paths after a rotation. It
     * is read until it has been idle at its end for the rotated-file idle time.
     */
    boolean rotated;
    /** Whether the file is no longer read: rotated and idle, or deleted. Its state stays for recognition. */
    boolean released;
    /** {@link System#nanoTime()} when a scan last saw the size change, or when this run first saw the file. */
    long changedAt = System.nanoTime();
    /**
     * Position from which a line longer than the maximum line length is being skipped, or -1. The
     * checkpoint stores it, so a restart neither reads nor rejects that line again.
     */
    long skipPosition = -1;
    /**
     * Offset just after a last line that was read without a line end, or -1. A line end found
     * there belongs to that line and is skipped, also after a restart, because the checkpoint stores it.
     */
    long partialLineEnd = -1;
    /** Whether this run has logged that it follows the file. */
    boolean announced;
    /** Whether this run has logged that the file is a copy waiting for its original. */
    boolean announcedCopy;

    FileState(String site, long device, long inode, String path, long generation) {
        this.site = site;
        this.device = device;
        this.inode = inode;
        this.path = path;
        this.generation = generation;
    }

    /** Returns the file part of every event id from this content: {@code device:inode:generation} or the adopted key. */
    String fileKey() {
        return contentKey != null ? contentKey : device + ":" + inode + ":" + generation;
    }

    /**
     * Starts a new generation at offset 0 because the content at this identity was replaced.
     *
     * @return the generation that ended, or null when its first line was never confirmed
     */
    EndedGeneration replaceContent() {
        EndedGeneration ended = fingerprint == null ? null
                : new EndedGeneration(site, fileKey(), path, fingerprint, fingerprintLength, offset);
        generation++;
        contentKey = null;
        offset = 0;
        fingerprint = null;
        fingerprintLength = 0;
        skipPosition = -1;
        partialLineEnd = -1;
        return ended;
    }

    /** Records the size of the latest scan and notes when it changed. */
    void observeSize(long newSize, long now) {
        if (newSize != size) {
            changedAt = now;
        }
        size = newSize;
    }

    long bytesBehind() {
        return Math.max(0, size - offset);
    }

    static String identity(String site, long device, long inode) {
        return site + '\u0000' + device + ':' + inode;
    }

    String identity() {
        return identity(site, device, inode);
    }
}
