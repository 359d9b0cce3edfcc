package org.logtally.ingest;

/** Access log formats the service can parse. */
public enum LogFormat {
    /** The nginx {@code combined} format, also Apache's {@code combined}. */
    COMBINED
}
