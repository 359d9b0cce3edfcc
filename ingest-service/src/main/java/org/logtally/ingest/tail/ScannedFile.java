package org.logtally.ingest.tail;

/** A regular file that one of a site's paths matched, with its identity and size at scan time. */
record ScannedFile(String site, String path, long device, long inode, long size) {
}
