package org.logtally.ingest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.logtally.event.LogEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stops the broker while lines are written and starts it again on the same port: readiness is
 * down meanwhile, the checkpoint stays at the settled offset, and every line arrives afterwards.
 */
@QuarkusTest
@TestProfile(BrokerOutageProfile.class)
@QuarkusTestResource(value = RestartableBrokerResource.class, restrictToAnnotatedClass = true)
class BrokerOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private QueueRecorder recorder;

    @AfterEach
    void disconnect() throws Exception {
        if (recorder != null) {
            recorder.close();
        }
    }

    private static String line(int number) {
        return String.format("10.0.0.1 - - [17/May/2015:08:05:32 +0000] \"GET /outage/%05d HTTP/1.1\" 200 1 \"-\" \"-\"\n",
                number);
    }

    private static void append(Path file, int from, int to) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            text.append(line(i));
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static Set<String> paths(QueueRecorder recorder, Path file) {
        Set<String> paths = new HashSet<>();
        for (LogEvent event : recorder.eventsOf(file.toString())) {
            paths.add(event.path());
        }
        return paths;
    }

    private static String checkpointText() throws IOException {
        return Files.readString(BrokerOutageProfile.logDirectory().resolve("data").resolve("checkpoints.json"));
    }

    @Test
    void brokerOutageLosesNoLine() throws Exception {
        Path file = BrokerOutageProfile.logDirectory().resolve("access.log");
        recorder = QueueRecorder.connect("127.0.0.1", RestartableBrokerResource.port());
        append(file, 0, 20);
        await().atMost(WAIT).until(() -> paths(recorder, file).size() == 20);
        long settled = 20L * line(0).length();
        await().atMost(WAIT).until(() -> checkpointText().contains("\"offset\":" + settled));
        given().when().get("/q/health/ready").then().statusCode(200);

        recorder.close();
        recorder = null;
        RestartableBrokerResource.stopBroker();
        await().atMost(WAIT).until(() -> given().when().get("/q/health/ready").statusCode() == 503);
        append(file, 20, 50);
        await().atMost(WAIT).until(() -> given().when().get("/q/metrics").asString()
                .contains("logtally_ingest_publish_failures_total{site=\"test\"}"));
        assertTrue(checkpointText().contains("\"offset\":" + settled),
                "the checkpoint moved while the broker was down: " + checkpointText());

        RestartableBrokerResource.startBroker();
        recorder = QueueRecorder.connect("127.0.0.1", RestartableBrokerResource.port());
        await().atMost(WAIT).until(() -> paths(recorder, file).size() >= 30);
        await().atMost(WAIT).until(() -> given().when().get("/q/health/ready").statusCode() == 200);

        Set<String> afterOutage = paths(recorder, file);
        for (int i = 20; i < 50; i++) {
            assertTrue(afterOutage.contains(String.format("/outage/%05d", i)), "line " + i + " is missing");
        }
        await().atMost(WAIT).until(() -> checkpointText().contains("\"offset\":" + 50L * line(0).length()));
        assertEquals(50L * line(0).length(), Files.size(file));
    }
}
