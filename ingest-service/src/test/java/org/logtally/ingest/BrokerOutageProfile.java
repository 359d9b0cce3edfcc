package org.logtally.ingest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Follows its own emptied directory, and retries and reconnects within about a second. */
public class BrokerOutageProfile implements QuarkusTestProfile {

    static Path logDirectory() {
        return Path.of("target", "outage-logs").toAbsolutePath();
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Path directory = logDirectory();
        try {
            if (Files.exists(directory)) {
                try (Stream<Path> walk = Files.walk(directory)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "logtally.ingest.sources." + IngestTestProfile.SITE + ".paths", directory + "/*.log",
                "logtally.ingest.data-dir", directory.resolve("data").toString(),
                "logtally.ingest.poll-interval", "50ms",
                "logtally.ingest.send-timeout", "3s",
                "logtally.ingest.max-retry-delay", "1s",
                "amqp-reconnect-interval", "1",
                "amqp-reconnect-attempts", "1000");
    }
}
