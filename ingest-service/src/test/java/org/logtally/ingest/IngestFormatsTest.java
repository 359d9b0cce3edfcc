package org.logtally.ingest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.logtally.embedded.ArtemisTestResource;
import org.logtally.event.LogEvent;
import org.logtally.event.RejectedLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Runs the service with a JSON site and a log_format site and reads the published events from an embedded broker. */
@QuarkusTest
@TestProfile(FormatsTestProfile.class)
@QuarkusTestResource(ArtemisTestResource.class)
class IngestFormatsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static QueueRecorder recorder;

    private final Path directory = FormatsTestProfile.logDirectory();

    @BeforeAll
    static void connect() throws Exception {
        String host = ConfigProvider.getConfig().getValue("amqp-host", String.class);
        int port = ConfigProvider.getConfig().getValue("amqp-port", Integer.class);
        recorder = QueueRecorder.connect(host, port);
    }

    @AfterAll
    static void disconnect() throws Exception {
        recorder.close();
    }

    private void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void jsonLinesArePublished() throws Exception {
        Path file = directory.resolve("access.json");
        write(file, "{\"@timestamp\":\"2015-05-17T08:05:32+01:00\",\"remote_addr\":\"2001:db8::7\","
                + "\"request\":\"GET /json/a HTTP/1.1\",\"status\":200,\"body_bytes_sent\":512,"
                + "\"http_referer\":\"\",\"http_user_agent\":\"curl/8.0\"}\n"
                + "{\"@timestamp\":\"2015-05-17T08:05:33+01:00\",\"remote_addr\":\"2001:db8::7\"}\n");

        await().atMost(WAIT).until(() -> recorder.eventsOf(file.toString()).size() >= 1
                && recorder.rejectedOf(file.toString()).size() >= 1);

        List<LogEvent> events = recorder.eventsOf(file.toString());
        assertEquals(1, events.size());
        LogEvent event = events.get(0);
        assertEquals(FormatsTestProfile.JSON_SITE, event.site());
        assertEquals("2015-05-17T08:05:32+01:00", event.time());
        assertEquals("2001:db8::7", event.client());
        assertEquals("/json/a", event.path());
        assertEquals(512, event.bytes());
        assertNull(event.referer());
        assertEquals("curl/8.0", event.userAgent());
        RejectedLine rejected = recorder.rejectedOf(file.toString()).get(0);
        assertEquals("missing JSON key \"status\"", rejected.reason());
    }

    @Test
    void proxiedLinesTakeClientFromForwardedFor() throws Exception {
        Path file = directory.resolve("access.log");
        write(file, "10.0.0.2 - - [2015-05-17T08:05:32+00:00] \"GET /proxied/a HTTP/1.1\" 200 7 \"-\" \"-\""
                + " \"198.51.100.4, 10.0.0.9\" 0.004 0.002, 0.001 : 0.003\n"
                + "203.0.113.5 - - [2015-05-17T08:05:32+00:00] \"GET /proxied/b HTTP/1.1\" 200 7 \"-\" \"-\""
                + " \"198.51.100.4\" 0.004 -\n");

        await().atMost(WAIT).until(() -> recorder.eventsOf(file.toString()).size() >= 2);

        List<LogEvent> events = recorder.eventsOf(file.toString()).stream()
                .sorted(Comparator.comparingLong(LogEvent::offset)).toList();
        assertEquals(2, events.size());
        assertEquals("198.51.100.4", events.get(0).client());
        assertEquals("/proxied/a", events.get(0).path());
        assertEquals("203.0.113.5", events.get(1).client());
        assertEquals(FormatsTestProfile.PROXIED_SITE, events.get(1).site());
    }
}
