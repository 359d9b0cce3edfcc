package org.logtally.ingest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Two sites in an emptied directory under target/: one of JSON lines, one with a log_format string behind proxies. */
public class FormatsTestProfile implements QuarkusTestProfile {

    static final String JSON_SITE = "json";
    static final String PROXIED_SITE = "proxied";
    static final String PROXIED_FORMAT = "$remote_addr - $remote_user [$time_iso8601] \"$request\" $status"
            + " $body_bytes_sent \"$http_referer\" \"$http_user_agent\" \"$http_x_forwarded_for\" $request_time"
            + " $upstream_response_time";

    /** Returns the directory the service follows; see {@link IngestTestProfile#logDirectory()} for why it is fixed. */
    static Path logDirectory() {
        return Path.of("target", "ingest-formats-test-logs").toAbsolutePath();
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Path directory = logDirectory();
        deleteRecursively(directory);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "logtally.ingest.sources." + JSON_SITE + ".paths", directory + "/*.json",
                "logtally.ingest.sources." + JSON_SITE + ".format", "json",
                "logtally.ingest.sources." + JSON_SITE + ".json-fields.time_iso8601", "@timestamp",
                "logtally.ingest.sources." + PROXIED_SITE + ".paths", directory + "/*.log",
                "logtally.ingest.sources." + PROXIED_SITE + ".format", PROXIED_FORMAT,
                "logtally.ingest.sources." + PROXIED_SITE + ".client-from-forwarded-for", "true",
                "logtally.ingest.trusted-proxies", "10.0.0.0/8,fd00::/8",
                "logtally.ingest.data-dir", directory.resolve("data").toString(),
                "logtally.ingest.poll-interval", "50ms");
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
