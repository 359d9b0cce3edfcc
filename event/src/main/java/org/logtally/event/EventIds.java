package org.logtally.event;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Derives the id of a line occurrence from where the line sits, never from its text:
 * re-reading the same bytes yields the same id, while two byte-identical lines at
 * different offsets get different ids and count as two hits.
 */
public final class EventIds {

    private EventIds() {
    }

    /**
     * Returns a name-based (version 3) UUID of the three parts.
     *
     * @param site     name of the configured source
     * @param fileKey  identity of the file content, stable across renames (for example
     *                 device, inode and generation)
     * @param offset   byte offset of the first byte of the line
     */
    public static UUID of(String site, String fileKey, long offset) {
        String name = site + '\u0000' + fileKey + '\u0000' + offset;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
