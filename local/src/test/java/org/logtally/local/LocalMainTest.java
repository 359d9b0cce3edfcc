package org.logtally.local;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalMainTest {

    private static final Path ROOT = Path.of(System.getProperty("logtally.root", "..")).toAbsolutePath().normalize();

    @Test
    void noPathFollowsBundledSample() {
        LocalOptions options = LocalMain.parse(new String[0]);

        assertEquals(List.of(ROOT.resolve("samples/access.log").toString()), options.sources().get("default"));
        assertEquals(8080, options.apiPort());
        assertEquals(1, options.counters());
        assertEquals(ROOT.resolve("data"), options.dataDir());
    }

    @Test
    void optionsAreParsed() {
        LocalOptions options = LocalMain.parse(new String[] {"--counters", "3", "--port", "9090", "--site", "blog",
            "--data-dir", "/tmp/lt", "/var/log/nginx/*.log"});

        assertEquals(3, options.counters());
        assertEquals(9090, options.apiPort());
        assertEquals(List.of("/var/log/nginx/*.log"), options.sources().get("blog"));
        assertEquals(Path.of("/tmp/lt"), options.dataDir());
    }

    @Test
    void missingGeoipFileIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalMain.parse(new String[] {"--geoip", "/nonexistent/country.mmdb"}));

        assertTrue(e.getMessage().startsWith("--geoip must name an existing file"), e.getMessage());
    }

    @Test
    void geoipFileGoesToCounters() throws IOException {
        Path database = Files.createTempFile("country", ".mmdb");

        LocalOptions options = LocalMain.parse(new String[] {"--geoip", database.toString()});

        assertEquals(database.toString(), options.counterProperties().get("logtally.counter.geoip.database"));
    }

    @Test
    void formatGoesToIngest() {
        LocalOptions options = LocalMain.parse(new String[] {"--site", "blog", "--format", "json"});

        assertEquals("json", options.ingestProperties().get("logtally.ingest.sources.blog.format"));
    }

    @Test
    void directoryPathIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalMain.parse(new String[] {ROOT.toString()}));

        assertTrue(e.getMessage().endsWith("is a directory; give log files or a glob such as '" + ROOT.resolve("*.log")
                + "'"), e.getMessage());
    }

    @Test
    void emptyPathIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalMain.parse(new String[] {""}));

        assertTrue(e.getMessage().startsWith("an empty PATH was given"), e.getMessage());
    }

    @Test
    void includeBotsGoesToCounters() {
        LocalOptions options = LocalMain.parse(new String[] {"--include-bots"});

        assertEquals("true", options.counterProperties().get("logtally.counter.visitors.include-bots"));
    }

    @Test
    void helpReturnsNoOptions() {
        assertNull(LocalMain.parse(new String[] {"--help"}));
    }

    @Test
    void badCounterCountNamesOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalMain.parse(new String[] {"--counters", "many"}));

        assertTrue(e.getMessage().startsWith("--counters must be a whole number"), e.getMessage());
    }

    @Test
    void unknownOptionIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalMain.parse(new String[] {"--colour"}));

        assertEquals("unknown option --colour", e.getMessage());
    }

    @Test
    void externalDatabaseUrlIsParsed() {
        Endpoint endpoint = Endpoint.parse("--database", "postgresql://app:s%40cret@db.internal:6432/stats",
                "postgresql", 5432);

        assertEquals(new Endpoint("db.internal", 6432, "app", "s@cret", "stats"), endpoint);
    }

    @Test
    void brokerUrlWithWrongSchemeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Endpoint.parse("--amqp", "http://localhost:5672", "amqp", 5672));

        assertTrue(e.getMessage().contains("amqp://USER:PASSWORD@HOST:PORT"), e.getMessage());
    }

    @Test
    void bundledSampleMatchesGenerator() throws IOException {
        ByteArrayOutputStream generated = new ByteArrayOutputStream();

        SampleLogGenerator.write(generated);

        assertArrayEquals(Files.readAllBytes(ROOT.resolve("samples/access.log")), generated.toByteArray(),
                "samples/access.log differs from SampleLogGenerator's output; regenerate it");
    }
}
