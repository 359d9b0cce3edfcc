package org.logtally.ingest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Points the service at an emptied directory under target/ with a short poll interval. */
public class IngestTestProfile implements QuarkusTestProfile {

    static final String SITE = "test";

    /**
     * Returns the directory the service follows. The path is fixed because the profile and the
     * test may be loaded by different class loaders, which would not share a static temporary path.
     */
    static Path logDirectory() {
        return Path.of("target", "ingest-test-logs").toAbsolutePath();
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
                "logtally.ingest.sources." + SITE + ".paths", directory + "/*.log," + directory + "/*.txt",
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
