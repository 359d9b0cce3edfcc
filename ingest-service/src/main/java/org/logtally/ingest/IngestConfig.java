package org.logtally.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Configuration of the ingest service, under {@code logtally.ingest}. */
@ConfigMapping(prefix = "logtally.ingest")
public interface IngestConfig {

    /** Access log sources by site name. Every event carries the name of its site. */
    Map<String, Source> sources();

    /** Time between two polls of the files. After a poll that leaves unread bytes, the next one starts at once. */
    @WithDefault("250ms")
    Duration pollInterval();

    /** Directory of the checkpoint file, created when missing. */
    @WithDefault("data/ingest")
    Path dataDir();

    /** Maximum number of events per AMQP message. A message is also split before its body exceeds 96 KiB. */
    @WithDefault("200")
    int batchSize();

    /**
     * Maximum number of bytes read from one file in one step. A line longer than this is still
     * read whole when it is within the maximum line length.
     */
    @WithDefault("1048576")
    int readSize();

    /**
     * Maximum line length in bytes, without the line end. A longer line is published to
     * logtally.rejected with its first 4,096 bytes, and reading goes on at the next line.
     */
    @WithDefault("65536")
    int maxLineLength();

    /**
     * Time a file must stay unchanged before its last line, which has no line end yet, is read
     * as a line. Bytes appended to that line later are read as the next line.
     */
    @WithDefault("5s")
    Duration partialLineIdle();

    /**
     * Time a rotated file outside the configured paths must stay unchanged at its end before it
     * is released. Until then it is read, so lines written just before the rotation are not lost.
     */
    @WithDefault("5s")
    Duration rotatedFileIdle();

    /**
     * Whether to read once, at start-up, the rotated files next to each followed file, such as
     * access.log.1 and access.log.2.gz, oldest first. Content read before is not read again.
     */
    @WithDefault("false")
    boolean backfill();

    /** Minimum time between two log messages about rejected lines. The next message counts the lines in between. */
    @WithDefault("10s")
    Duration rejectedLogInterval();

    /** Time to wait for the broker to settle the messages of one step before the step counts as failed. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** Maximum time between retries after a failed step. The delay starts at the poll interval and doubles up to this. */
    @WithDefault("30s")
    Duration maxRetryDelay();

    /**
     * CIDR ranges of the proxies whose X-Forwarded-For entries are trusted, IPv4 or IPv6, for
     * example {@code 10.0.0.0/8,2001:db8::/32}. Used by sources with client-from-forwarded-for.
     */
    Optional<List<String>> trustedProxies();

    /** One site's files. */
    interface Source {

        /**
         * Paths or globs of the files to follow, for example {@code /var/log/nginx/*.log}. The list
         * is comma-separated, so a comma inside a glob such as {@code {a,b}} is written {@code \\,}.
         */
        List<String> paths();

        /**
         * Directories where rotation moves this source's files, as logrotate's {@code olddir} does. A
         * followed file renamed into one of them is found by its inode and read to its end, and
         * backfill reads the rotated files there. The directory of each followed file is always searched.
         */
        Optional<List<String>> rotatedDirs();

        /**
         * Format of the lines in these files: a preset ({@code combined}, {@code common},
         * {@code vhost_combined} or {@code json}) or an nginx log_format string, which is any
         * value that contains {@code $}.
         */
        @WithDefault("combined")
        String format();

        /**
         * JSON keys by field name for the {@code json} format, replacing the default key, which is
         * the field name itself; for example {@code time_iso8601=@timestamp}.
         */
        Map<String, String> jsonFields();

        /**
         * Whether the client is taken from {@code $http_x_forwarded_for} (or from a list in
         * {@code $remote_addr}): the right-most address outside logtally.ingest.trusted-proxies.
         */
        @WithDefault("false")
        boolean clientFromForwardedFor();
    }
}
