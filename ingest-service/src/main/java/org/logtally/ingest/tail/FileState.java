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
    /** SHA-256 of the first line including its {@code \n}, or null before that line is confirmed. */
    String fingerprint;
    /** Length of the fingerprinted first line in bytes, including its {@code \n}. */
    int fingerprintLength;
    /** Offset up to which every line is published and settled by the broker. */
    volatile long offset;
    /** Size at the last scan. */
    volatile long size;
    /** Whether the last scan found this file at one of the site's paths. */
    boolean present;
    /**
     * Position from which a line longer than read-size is being skipped, or -1. Kept in memory
     * only: after a restart the long line is rejected again with the same id.
     */
    long skipPosition = -1;
    /** Whether this run has logged that it follows the file. */
    boolean announced;

    FileState(String site, long device, long inode, String path, long generation) {
        this.site = site;
        this.device = device;
        this.inode = inode;
        this.path = path;
        this.generation = generation;
    }

    /** Returns {@code device:inode:generation}, the file part of every event id from this content. */
    String fileKey() {
        return device + ":" + inode + ":" + generation;
    }

    /** Starts a new generation at offset 0 because the content at this identity was replaced. */
    void replaceContent() {
        generation++;
        offset = 0;
        fingerprint = null;
        fingerprintLength = 0;
        skipPosition = -1;
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
