package org.logtally.ingest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.logtally.embedded.Broker;

import java.nio.file.Path;
import java.util.Map;

/**
 * Starts an Artemis broker with a journal under target/ that a test can stop and start again on
 * the same port, to see the service through a broker outage.
 */
public class RestartableBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static final Path DATA_DIR = Path.of("target", "outage-broker").toAbsolutePath();
    private static volatile Broker broker;
    private static volatile int port;

    @Override
    public Map<String, String> start() {
        broker = Broker.start(DATA_DIR, 0);
        port = broker.port();
        return Map.of(
                "amqp-host", broker.host(),
                "amqp-port", String.valueOf(port),
                "amqp-username", "guest",
                "amqp-password", "guest");
    }

    /** Stops the broker, which closes the service's connection. */
    static void stopBroker() {
        broker.close();
    }

    /** Starts the broker again on the port the service is configured with, and with the same journal. */
    static void startBroker() {
        broker = Broker.start(DATA_DIR, port);
    }

    static int port() {
        return port;
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
