package org.logtally.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.logtally.ingest.parse.RejectCategory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/** Micrometer meters of the ingest service. Every meter but the backfill gauge has a {@code site} tag. */
public final class IngestMetrics {

    public static final String LINES_READ = "logtally.ingest.lines.read";
    public static final String LINES_PARSED = "logtally.ingest.lines.parsed";
    public static final String LINES_REJECTED = "logtally.ingest.lines.rejected";
    public static final String LINES_PUBLISHED = "logtally.ingest.lines.published";
    public static final String PUBLISH_FAILURES = "logtally.ingest.publish.failures";
    public static final String CONTENT_REPLACED = "logtally.ingest.files.replaced";
    public static final String FILE_BEHIND = "logtally.ingest.file.behind";
    public static final String LINES_PARTIAL = "logtally.ingest.lines.partial";
    public static final String FILES_RELEASED = "logtally.ingest.files.released";
    public static final String FILES_COPIES = "logtally.ingest.files.copies";
    public static final String BACKFILL_BYTES = "logtally.ingest.backfill.bytes";
    public static final String BACKFILL_LINES = "logtally.ingest.backfill.lines";
    public static final String BACKFILL_PENDING = "logtally.ingest.backfill.files.pending";

    private final MeterRegistry registry;
    private final Map<String, Gauge> lagGauges = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts complete lines read, parsed or not. */
    public void linesRead(String site, int count) {
        Counter.builder(LINES_READ).description("Complete lines read from access log files")
                .tag("site", site).register(registry).increment(count);
    }

    public void linesParsed(String site, int count) {
        Counter.builder(LINES_PARSED).description("Lines parsed into events")
                .tag("site", site).register(registry).increment(count);
    }

    public void lineRejected(String site, RejectCategory category) {
        Counter.builder(LINES_REJECTED).description("Lines that did not parse, by the field that failed")
                .tag("site", site).tag("reason", category.tagValue()).register(registry).increment();
    }

    /** Counts lines settled by the broker, tagged with the address they went to. */
    public void linesPublished(String site, String address, int count) {
        Counter.builder(LINES_PUBLISHED).description("Lines settled by the broker")
                .tag("site", site).tag("address", address).register(registry).increment(count);
    }

    public void publishFailed(String site) {
        Counter.builder(PUBLISH_FAILURES).description("Steps whose messages the broker did not settle")
                .tag("site", site).register(registry).increment();
    }

    public void contentReplaced(String site) {
        Counter.builder(CONTENT_REPLACED).description("Times a file was truncated or rewritten and read from 0")
                .tag("site", site).register(registry).increment();
    }

    /** Counts last lines without a line end that were read after the partial-line idle time. */
    public void partialLineRead(String site) {
        Counter.builder(LINES_PARTIAL).description("Last lines read without a line end after the idle time")
                .tag("site", site).register(registry).increment();
    }

    public void fileReleased(String site) {
        Counter.builder(FILES_RELEASED).description("Rotated or deleted files that are no longer read")
                .tag("site", site).register(registry).increment();
    }

    /** Counts files recognised by their first line as a copy of content read before, such as a copytruncate copy. */
    public void copyRecognised(String site) {
        Counter.builder(FILES_COPIES).description("Files read on as a copy of content read before")
                .tag("site", site).register(registry).increment();
    }

    /** Counts decompressed bytes that backfill read from compressed rotated files. */
    public void backfillBytes(String site, long count) {
        Counter.builder(BACKFILL_BYTES).description("Decompressed bytes backfill read from rotated files")
                .baseUnit("bytes").tag("site", site).register(registry).increment(count);
    }

    public void backfillLines(String site, long count) {
        Counter.builder(BACKFILL_LINES).description("Lines backfill read from compressed rotated files")
                .tag("site", site).register(registry).increment(count);
    }

    /** Registers the gauge of rotated files that backfill has still to read. */
    public void trackBackfillPending(Number pending) {
        Gauge.builder(BACKFILL_PENDING, pending, Number::doubleValue)
                .description("Rotated files that backfill has still to read").register(registry);
    }

    /** Registers the gauge of bytes not yet published for one file; registering twice has no effect. */
    public <T> void trackLag(String key, String site, String path, T file, ToDoubleFunction<T> bytesBehind) {
        lagGauges.computeIfAbsent(key, k -> Gauge.builder(FILE_BEHIND, file, bytesBehind)
                .description("Bytes between the published offset and the end of the file")
                .baseUnit("bytes").tag("site", site).tag("file", path).register(registry));
    }

    public void untrackLag(String key) {
        Gauge gauge = lagGauges.remove(key);
        if (gauge != null) {
            registry.remove(gauge);
        }
    }
}
