package org.logtally.ingest.tail;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a file's first line, used to notice that the content of a file was replaced. */
final class Fingerprint {

    private Fingerprint() {
    }

    /** Returns the hex SHA-256 of {@code bytes[0, length)}. */
    static String of(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
